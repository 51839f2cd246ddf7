<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
    <context>
        <name>AddUserPanel</name>
        <message>
            <source>Tambah pengguna</source>
            <translation>Add a user</translation>
        </message>
        <message>
            <source>Relawan yang sudah terdaftar mengizinkan dengan kata sandinya, lalu relawan baru memilih kata sandinya sendiri.</source>
            <translation>A volunteer who already has an account allows it with their password; then the new volunteer chooses their own password.</translation>
        </message>
        <message>
            <source>Diizinkan oleh</source>
            <translation>Allowed by</translation>
        </message>
        <message>
            <source>Kata sandi relawan yang mengizinkan</source>
            <translation>Password of the volunteer who allows it</translation>
        </message>
        <message>
            <source>Nama relawan baru</source>
            <translation>New volunteer's name</translation>
        </message>
        <message>
            <source>Tambahkan</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Isi nama relawan baru.</source>
            <translation>Type the new volunteer's name.</translation>
        </message>
    </context>
    <context>
        <name>ChangePasswordPanel</name>
        <message>
            <source>Ganti kata sandi</source>
            <translation>Change password</translation>
        </message>
        <message>
            <source>Data tetap aman dan tidak berubah; hanya kata sandinya yang diganti.</source>
            <translation>Your data stays safe and unchanged; only the password changes.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Kata sandi sekarang</source>
            <translation>Current password</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Back</translation>
        </message>
    </context>
    <context>
        <name>ChoiceEditor</name>
        <message>
            <source>— pilih —</source>
            <translation>— choose —</translation>
        </message>
    </context>
    <context>
        <name>ConflictsPage</name>
        <message>
            <source>Data dihapus</source>
            <translation>Record deleted</translation>
        </message>
        <message>
            <source>(tidak dikirim ke laptop koordinator)</source>
            <translation>(not sent to a coordinator's laptop)</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Data ini diubah di dua laptop sebelum sempat terkirim. Relawan RT memilih nilai yang benar di laptop RT; di sini hanya terlihat.</source>
            <translation>These data were changed on two laptops before they were sent. The RT volunteer picks the right value on the RT's laptop; here it can only be seen.</translation>
        </message>
        <message>
            <source>Data ini diubah di dua laptop sebelum sempat terkirim. Pilih nilai yang benar; pilihan Anda dikirim ke server dan ke laptop lain.</source>
            <translation>This data was changed on two laptops before it could be sent. Choose the right value; your choice goes to the server and to the other laptops.</translation>
        </message>
        <message>
            <source>Tidak ada konflik. Semua data sama dengan di server.</source>
            <translation>No conflicts. All data matches the server.</translation>
        </message>
    </context>
    <context>
        <name>DateBox</name>
        <message>
            <source>hh/bb/tttt</source>
            <translation>dd/mm/yyyy</translation>
        </message>
        <message>
            <source>Pilih dari kalender (Alt+↓)</source>
            <translation>Pick from the calendar (Alt+↓)</translation>
        </message>
        <message>
            <source>Paling lambat {0}.</source>
            <translation>The latest is {0}.</translation>
        </message>
        <message>
            <source>Paling awal {0}.</source>
            <translation>The earliest is {0}.</translation>
        </message>
        <message>
            <source>“{0}” bukan tanggal yang bisa dibaca; tetap {1}. Ketik hari/bulan/tahun, misalnya 17/08/2026.</source>
            <translation>“{0}” is not a date that can be read; still {1}. Type day/month/year, e.g. 17/08/2026.</translation>
        </message>
        <message>
            <source>Tanggal tidak boleh kosong; tetap {0}.</source>
            <translation>The date cannot be empty; still {0}.</translation>
        </message>
    </context>
    <context>
        <name>DateEditor</name>
        <message>
            <source>hh/bb/tttt</source>
            <translation>dd/mm/yyyy</translation>
        </message>
        <message>
            <source>Ketik hari/bulan/tahun, misalnya 17/08/2026, atau tekan Alt+↓ untuk memilih dari kalender.</source>
            <translation>Type day/month/year, e.g. 17/08/2026, or press Alt+↓ to pick from the calendar.</translation>
        </message>
        <message>
            <source>Pilih dari kalender (Alt+↓)</source>
            <translation>Pick from the calendar (Alt+↓)</translation>
        </message>
    </context>
    <context>
        <name>DraftBanner</name>
        <message>
            <source>Pulihkan</source>
            <translation>Restore</translation>
        </message>
        <message>
            <source>Buang</source>
            <translation>Discard</translation>
        </message>
        <message>
            <source>Ada 1 isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, atau buang jika tidak diperlukan lagi.</source>
            <translation>There is 1 unfinished form from before. Restore it to carry on, or discard it if it is no longer needed.</translation>
        </message>
        <message>
            <source>Ada {0} isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, atau buang jika tidak diperlukan lagi.</source>
            <translation>There are {0} unfinished forms from before. Restore them to carry on, or discard them if they are no longer needed.</translation>
        </message>
    </context>
    <context>
        <name>DraftsMixin</name>
        <message>
            <source>Isian sementara tidak dapat disimpan: {0}</source>
            <translation>The unfinished form could not be kept: {0}</translation>
        </message>
    </context>
    <context>
        <name>EmergencyBanner</name>
        <message>
            <source>Risiko tinggi atau darurat: pastikan relawan RT sudah menghubungi layanan ini dan mencatat rujukannya.</source>
            <translation>High risk or emergency: make sure the RT volunteer has contacted these services and recorded the referral.</translation>
        </message>
        <message>
            <source>Risiko tinggi atau darurat: hubungi layanan ini sekarang, lalu catat rujukannya.</source>
            <translation>High risk or emergency: contact these services now, then record the referral.</translation>
        </message>
        <message>
            <source>telepon {0}</source>
            <translation>call {0}</translation>
        </message>
        <message>
            <source>WhatsApp {0}</source>
            <translation>WhatsApp {0}</translation>
        </message>
    </context>
    <context>
        <name>EnrolDialog</name>
        <message>
            <source>Daftarkan laptop ke server kota</source>
            <translation>Enrol this laptop with the city server</translation>
        </message>
        <message>
            <source>Minta alamat server dan kode pendaftaran ke admin kota. Kode hanya bisa dipakai sekali.</source>
            <translation>Ask the city admin for the server address and an enrolment code. A code can be used only once.</translation>
        </message>
        <message>
            <source>Izinkan alamat http:// (hanya atas saran admin)</source>
            <translation>Allow an http:// address (only when the admin says so)</translation>
        </message>
        <message>
            <source>Alamat server</source>
            <translation>Server address</translation>
        </message>
        <message>
            <source>Kode pendaftaran</source>
            <translation>Enrolment code</translation>
        </message>
        <message>
            <source>Daftarkan</source>
            <translation>Enrol</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Laptop ini sudah terdaftar di {0} sebagai laptop {1} {2}. Kode baru menggantikan pendaftaran itu; data di laptop ini tetap.</source>
            <translation>This laptop is already enrolled with {0} as a {1} laptop of {2}. A new code replaces that enrolment; the data on this laptop stays.</translation>
        </message>
        <message>
            <source>Isi alamat server dan kode pendaftaran.</source>
            <translation>Enter the server address and the enrolment code.</translation>
        </message>
        <message>
            <source>Menghubungi server…</source>
            <translation>Contacting the server…</translation>
        </message>
        <message>
            <source>Kode salah, sudah dipakai, atau sudah kedaluwarsa. Minta kode baru ke admin kota.</source>
            <translation>The code is wrong, already used or expired. Ask the city admin for a new code.</translation>
        </message>
        <message>
            <source>Kode ini untuk RT atau jenis laptop lain. Minta kode yang sesuai ke admin kota.</source>
            <translation>This code is for another RT or another kind of laptop. Ask the city admin for a matching code.</translation>
        </message>
        <message>
            <source>Server tidak terjangkau. Periksa alamat server dan sambungan internet, lalu coba lagi.</source>
            <translation>The server cannot be reached. Check the server address and the internet connection, then try again.</translation>
        </message>
        <message>
            <source>Alamat harus diawali https://. Alamat http:// hanya boleh atas saran admin kota.</source>
            <translation>The address must start with https://. Use an http:// address only when the city admin says so.</translation>
        </message>
        <message>
            <source>Sertifikat server tidak dapat diperiksa. Hubungi admin kota.</source>
            <translation>The server's certificate could not be verified. Contact the city admin.</translation>
        </message>
        <message>
            <source>Perlu versi baru aplikasi sebelum mendaftar.</source>
            <translation>A newer version of the app is needed before enrolling.</translation>
        </message>
        <message>
            <source>Server sedang bermasalah. Coba lagi nanti.</source>
            <translation>The server has a problem. Try again later.</translation>
        </message>
        <message>
            <source>Server sibuk. Coba lagi sebentar lagi.</source>
            <translation>The server is busy. Try again in a moment.</translation>
        </message>
        <message>
            <source>Alamat server tidak valid atau bukan server RT Desktop.</source>
            <translation>The server address is not valid or is not an RT Desktop server.</translation>
        </message>
        <message>
            <source>Pendaftaran gagal. Coba lagi atau hubungi admin kota.</source>
            <translation>Enrolment failed. Try again or contact the city admin.</translation>
        </message>
    </context>
    <context>
        <name>FieldEditor</name>
        <message>
            <source>Disembunyikan. Tekan “Tampilkan” untuk melihat isinya.</source>
            <extracomment>the value changed (typing, ticking, choosing); carries the field name focus left the field: its message may show now Enter pressed in a single-line input</extracomment>
            <translation>Hidden. Press “Show” to see it.</translation>
        </message>
    </context>
    <context>
        <name>FollowUpTimeline</name>
        <message>
            <source>Simpan kasus ini dulu, lalu tambahkan catatan tindak lanjut di sini.</source>
            <translation>Save this case first, then add follow-up notes here.</translation>
        </message>
        <message>
            <source>Catatan baru</source>
            <translation>New note</translation>
        </message>
        <message>
            <source>Tambah catatan</source>
            <translation>Add note</translation>
        </message>
        <message>
            <source>Catatan tindak lanjut dari RT tidak dikirim ke laptop UPTD PPA.</source>
            <translation>The RT's follow-up notes are not sent to an UPTD PPA laptop.</translation>
        </message>
        <message>
            <source>Belum ada catatan tindak lanjut.</source>
            <translation>No follow-up notes yet.</translation>
        </message>
        <message>
            <source>Catatan ditambahkan.</source>
            <translation>Note added.</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>Catat sesi baru</source>
            <translation>Record a new session</translation>
        </message>
        <message>
            <source>Catat Sesi Lautan RT yang baru diadakan</source>
            <translation>Record a Lautan RT session that just took place</translation>
        </message>
        <message>
            <source>Catat kasus baru</source>
            <translation>Record a new case</translation>
        </message>
        <message>
            <source>Catat laporan kekerasan terhadap perempuan atau anak</source>
            <translation>Record a report of violence against a woman or a child</translation>
        </message>
        <message>
            <source>Sesi Lautan RT bulan ini</source>
            <translation>Lautan RT sessions this month</translation>
        </message>
        <message>
            <source>Kasus terbuka</source>
            <translation>Open cases</translation>
        </message>
        <message>
            <source>Tindak lanjut minggu ini</source>
            <translation>Follow-ups this week</translation>
        </message>
        <message>
            <source>Perubahan belum terkirim</source>
            <translation>Changes not sent yet</translation>
        </message>
        <message>
            <source>Tindak lanjut yang jatuh tempo</source>
            <translation>Follow-ups due</translation>
        </message>
        <message>
            <source>Tidak ada tindak lanjut yang jatuh tempo minggu ini.</source>
            <translation>No follow-up is due this week.</translation>
        </message>
        <message>
            <source>Klik dua kali atau tekan Enter untuk membuka kasusnya.</source>
            <translation>Double-click or press Enter to open the case.</translation>
        </message>
        <message>
            <source>Selamat datang, {0}</source>
            <translation>Welcome, {0}</translation>
        </message>
        <message>
            <source>Beranda</source>
            <translation>Home</translation>
        </message>
        <message>
            <source>{0} · Kelurahan {1} · RT {2}</source>
            <translation>{0} · Kelurahan {1} · RT {2}</translation>
        </message>
        <message>
            <source>{0} peserta hadir</source>
            <translation>{0} people attended</translation>
        </message>
        <message>
            <source>belum selesai ditangani</source>
            <translation>still being handled</translation>
        </message>
        <message>
            <source>{0} sudah lewat waktunya</source>
            <translation>{0} overdue</translation>
        </message>
        <message>
            <source>tidak ada yang terlambat</source>
            <translation>none overdue</translation>
        </message>
        <message>
            <source>tersimpan di laptop ini</source>
            <translation>kept on this laptop</translation>
        </message>
        <message>
            <source>{0} · {1} · hanya melihat data</source>
            <translation>{0} · {1} · view only</translation>
        </message>
        <message>
            <source>{0} · {1}</source>
            <translation>{0} · {1}</translation>
        </message>
        <message>
            <source>{0} — terlambat</source>
            <translation>{0} — overdue</translation>
        </message>
    </context>
    <context>
        <name>IncidentForm</name>
        <message>
            <source>Kasus baru</source>
            <translation>New case</translation>
        </message>
        <message>
            <source>Kode kasus dibuat otomatis saat pertama disimpan.</source>
            <translation>The case code is made automatically when the case is first saved.</translation>
        </message>
        <message>
            <source>Kasus {0}</source>
            <translation>Case {0}</translation>
        </message>
        <message>
            <source>Kode kasus dibuat otomatis; tidak dapat diubah.</source>
            <translation>The case code is made automatically; it cannot be changed.</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Report</translation>
        </message>
        <message>
            <source>Korban</source>
            <translation>Victim</translation>
        </message>
        <message>
            <source>Terlapor</source>
            <translation>Alleged perpetrator</translation>
        </message>
        <message>
            <source>Kejadian</source>
            <translation>What happened</translation>
        </message>
        <message>
            <source>Risiko dan persetujuan</source>
            <translation>Risk and consent</translation>
        </message>
        <message>
            <source>Penanganan di RT</source>
            <translation>Handling at the RT</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Catatan tindak lanjut</source>
            <translation>Follow-up notes</translation>
        </message>
        <message>
            <source>Rujukan — wajib untuk kasus ini</source>
            <translation>Referral — required for this case</translation>
        </message>
        <message>
            <source>Rujukan</source>
            <translation>Referral</translation>
        </message>
    </context>
    <context>
        <name>IncidentListModel</name>
        <message>
            <source>Status kirim</source>
            <translation>Sending</translation>
        </message>
        <message>
            <source>terlambat</source>
            <translation>overdue</translation>
        </message>
        <message>
            <source>Tindak lanjut sudah lewat tanggalnya.</source>
            <translation>The follow-up is past its date.</translation>
        </message>
    </context>
    <context>
        <name>IncidentListPage</name>
        <message>
            <source>Cari kode kasus, jenis kekerasan, tempat…</source>
            <translation>Search case code, kind of violence, place…</translation>
        </message>
        <message>
            <source>Cari (Ctrl+F)</source>
            <translation>Search (Ctrl+F)</translation>
        </message>
        <message>
            <source>Catat kasus baru</source>
            <translation>Record a new case</translation>
        </message>
        <message>
            <source>Catat kasus baru (Ctrl+N)</source>
            <translation>Record a new case (Ctrl+N)</translation>
        </message>
        <message>
            <source>Semua status</source>
            <translation>Every status</translation>
        </message>
        <message>
            <source>Semua jenis kekerasan</source>
            <translation>Every kind of violence</translation>
        </message>
        <message>
            <source>Semua tingkat risiko</source>
            <translation>Every risk level</translation>
        </message>
        <message>
            <source>Tidak ada kasus yang cocok. Ubah pencarian atau saringan.</source>
            <translation>No case matches. Change the search or the filters.</translation>
        </message>
        <message>
            <source>Belum ada kasus. Tekan “Catat kasus baru” untuk mencatat.</source>
            <translation>No cases yet. Press “Record a new case” to record one.</translation>
        </message>
        <message>
            <source>{0} kasus</source>
            <translation>{0} cases</translation>
        </message>
    </context>
    <context>
        <name>IncomingReferralsPage</name>
        <message>
            <source>Rujukan masuk</source>
            <translation>Incoming referrals</translation>
        </message>
        <message>
            <source>Belum ada kasus yang dirujuk ke UPTD PPA.</source>
            <translation>No cases have been referred to UPTD PPA yet.</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Tampilkan data rahasia (tercatat di log)</source>
            <translation>Show the confidential details (this is recorded)</translation>
        </message>
        <message>
            <source>Nama, kontak, alamat, kronologi, catatan tanggapan, dan catatan lain yang dapat mengenali orang disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya atau menulis catatan; setiap kali dibuka tercatat.</source>
            <translation>Names, contacts, addresses, what happened, the response note and other notes that could identify someone are hidden ({0}). Press “Show” to see them or to write a note; every time they are opened is recorded.</translation>
        </message>
        <message>
            <source>Kasus</source>
            <translation>Case</translation>
        </message>
        <message>
            <source>Simpan tanggapan</source>
            <translation>Save response</translation>
        </message>
        <message>
            <source>Tanggapan UPTD PPA</source>
            <translation>UPTD PPA response</translation>
        </message>
        <message>
            <source>Status sekarang</source>
            <translation>Current status</translation>
        </message>
        <message>
            <source>Status rujukan</source>
            <translation>Referral status</translation>
        </message>
        <message>
            <source>{0} · dirujuk {1}</source>
            <translation>{0} · referred {1}</translation>
        </message>
        <message>
            <source>Catatan disimpan dan dikirim ke server saat terhubung; status rujukan tetap {0}.</source>
            <translation>Note saved; it goes to the server when connected. The referral status stays {0}.</translation>
        </message>
        <message>
            <source>Layanan yang dibutuhkan</source>
            <translation>Service needed</translation>
        </message>
        <message>
            <source>— pilih status —</source>
            <translation>— choose a status —</translation>
        </message>
        <message>
            <source>Belum ada yang diubah: pilih status atau tulis catatan tanggapan.</source>
            <translation>Nothing has changed: choose a status or write a response note.</translation>
        </message>
        <message>
            <source>Tanggapan disimpan; dikirim ke server saat terhubung.</source>
            <translation>Response saved; it goes to the server when connected.</translation>
        </message>
    </context>
    <context>
        <name>LanguagePage</name>
        <message>
            <source>Selamat datang di RT Desktop</source>
            <translation>Welcome to RT Desktop</translation>
        </message>
        <message>
            <source>Pilih bahasa aplikasi. Bahasa bisa diganti nanti di Pengaturan.</source>
            <translation>Choose the app's language. You can change it later in Settings.</translation>
        </message>
        <message>
            <source>RT Desktop membantu relawan PPATBM mencatat Sesi Lautan RT dan kasus kekerasan terhadap perempuan dan anak di RT. Semua catatan tersimpan terkunci di laptop ini dan bisa dipakai tanpa internet. Persiapan ini hanya sekali, sekitar dua menit.</source>
            <translation>RT Desktop helps PPATBM volunteers record Lautan RT sessions and cases of violence against women and children in the RT. Everything is kept locked on this laptop and works without the internet. This set-up happens once and takes about two minutes.</translation>
        </message>
    </context>
    <context>
        <name>LetterAction</name>
        <message>
            <source>Cetak surat rujukan</source>
            <translation>Print the referral letter</translation>
        </message>
        <message>
            <source>Surat untuk menyertai rujukan ini. Memuat identitas korban: rahasia.</source>
            <translation>A letter to go with this referral. It holds the victim's identity: confidential.</translation>
        </message>
        <message>
            <source>Surat rujukan bersifat rahasia</source>
            <translation>The referral letter is confidential</translation>
        </message>
        <message>
            <source>Surat rujukan memuat identitas korban (nama, alamat, kontak). Cetak hanya untuk menyertai rujukan ini, serahkan langsung kepada petugas penerima, dan hapus berkasnya setelah dicetak. Pencetakan ini dicatat.

Lanjutkan?</source>
            <translation>The referral letter holds the victim's identity (name, address, contact). Print it only to go with this referral, hand it directly to the receiving officer, and delete the file after printing. This printing is recorded.

Continue?</translation>
        </message>
        <message>
            <source>Simpan surat rujukan</source>
            <translation>Save the referral letter</translation>
        </message>
        <message>
            <source>Dokumen PDF (*.pdf)</source>
            <translation>PDF documents (*.pdf)</translation>
        </message>
        <message>
            <source>Surat rujukan tersimpan: {0}. Simpan di tempat aman dan hapus setelah dicetak.</source>
            <translation>Referral letter saved: {0}. Keep it somewhere safe and delete it after printing.</translation>
        </message>
        <message>
            <source>Surat rujukan tidak dapat dibuat: {0}</source>
            <translation>The referral letter could not be made: {0}</translation>
        </message>
    </context>
    <context>
        <name>ListPage</name>
        <message>
            <source>Daftar tidak bisa dimuat. Coba lagi sebentar lagi.</source>
            <translation>The list could not be loaded. Try again in a moment.</translation>
        </message>
    </context>
    <context>
        <name>LoginPanel</name>
        <message>
            <source>RT Desktop</source>
            <translation>RT Desktop</translation>
        </message>
        <message>
            <source>Pencatatan Sesi Lautan RT dan kasus PPATBM</source>
            <translation>Lautan RT sessions and PPATBM cases</translation>
        </message>
        <message>
            <source>Aplikasi dikunci. Masuk lagi untuk melanjutkan; pekerjaan yang terbuka tetap tersimpan.</source>
            <translation>The app is locked. Sign in again to carry on; open work is kept.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Tambah pengguna</source>
            <translation>Add a user</translation>
        </message>
        <message>
            <source>Ganti kata sandi</source>
            <translation>Change password</translation>
        </message>
        <message>
            <source>Lupa kata sandi?</source>
            <translation>Forgot your password?</translation>
        </message>
        <message>
            <source>Ketik kata sandi Anda.</source>
            <translation>Type your password.</translation>
        </message>
        <message>
            <source>Kata sandi salah. Periksa huruf besar/kecil, lalu coba lagi.</source>
            <translation>Wrong password. Check upper and lower case, then try again.</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <source>Pengguna {0} ditambahkan. Silakan masuk.</source>
            <translation>User {0} added. Please sign in.</translation>
        </message>
        <message>
            <source>Kata sandi {0} sudah diganti. Silakan masuk dengan kata sandi baru.</source>
            <translation>{0}'s password has been changed. Please sign in with the new password.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>RT Desktop</source>
            <translation>RT Desktop</translation>
        </message>
        <message>
            <source>&amp;Beranda</source>
            <translation>&amp;Home</translation>
        </message>
        <message>
            <source>&amp;Sesi Lautan RT</source>
            <translation>&amp;Lautan RT sessions</translation>
        </message>
        <message>
            <source>&amp;Kasus</source>
            <translation>&amp;Cases</translation>
        </message>
        <message>
            <source>&amp;Laporan</source>
            <translation>&amp;Reports</translation>
        </message>
        <message>
            <source>&amp;Pengaturan</source>
            <translation>&amp;Settings</translation>
        </message>
        <message>
            <source>Sedang dibuka</source>
            <translation>Open records</translation>
        </message>
        <message>
            <source>Sedang diisi</source>
            <translation>Open forms</translation>
        </message>
        <message>
            <source>Kunci (Ctrl+L)</source>
            <translation>Lock (Ctrl+L)</translation>
        </message>
        <message>
            <source>Kunci aplikasi saat meninggalkan laptop</source>
            <translation>Lock the app when you leave the laptop</translation>
        </message>
        <message>
            <source>Sesi baru</source>
            <translation>New session</translation>
        </message>
        <message>
            <source>Ubah sesi</source>
            <translation>Edit session</translation>
        </message>
        <message>
            <source>Kasus baru</source>
            <translation>New case</translation>
        </message>
        <message>
            <source>Ubah kasus</source>
            <translation>Edit case</translation>
        </message>
        <message>
            <source>Isian</source>
            <translation>Form</translation>
        </message>
        <message>
            <source>Pengguna: {0}</source>
            <translation>User: {0}</translation>
        </message>
        <message>
            <source>Terkunci</source>
            <translation>Locked</translation>
        </message>
        <message>
            <source>Kelurahan {0} · RT {1}</source>
            <translation>Kelurahan {0} · RT {1}</translation>
        </message>
        <message>
            <source>Perubahan belum terkirim: {0}</source>
            <translation>Changes not sent yet: {0}</translation>
        </message>
        <message>
            <source>Formulir ini belum tersedia.</source>
            <translation>This form is not available yet.</translation>
        </message>
        <message>
            <source>Cadangan otomatis gagal: {0}</source>
            <translation>Automatic backup failed: {0}</translation>
        </message>
    </context>
    <context>
        <name>MaskingMixin</name>
        <message>
            <source>Membuka data rahasia…</source>
            <translation>Opening the confidential details…</translation>
        </message>
    </context>
    <context>
        <name>NoteItem</name>
        <message>
            <source>{0} · dicatat oleh {1}</source>
            <translation>{0} · written by {1}</translation>
        </message>
        <message>
            <source>tindak lanjut berikutnya {0}</source>
            <translation>next follow-up {0}</translation>
        </message>
    </context>
    <context>
        <name>PagedTableModel</name>
        <message>
            <source>Data ini tidak bisa ditampilkan</source>
            <translation>This entry cannot be shown</translation>
        </message>
    </context>
    <context>
        <name>PasswordPair</name>
        <message>
            <source>Kata sandi baru (minimal 8 karakter)</source>
            <translation>New password (at least 8 characters)</translation>
        </message>
        <message>
            <source>Ulangi kata sandi baru</source>
            <translation>Repeat the new password</translation>
        </message>
        <message>
            <source>Kedua kata sandi belum sama.</source>
            <translation>The two passwords are not the same yet.</translation>
        </message>
    </context>
    <context>
        <name>PersistenceMixin</name>
        <message>
            <source>Membuka data…</source>
            <translation>Opening…</translation>
        </message>
        <message>
            <source>Data ini baru diperbarui dari laptop lain.</source>
            <translation>This record was just updated from another laptop.</translation>
        </message>
        <message>
            <source>Belum tersimpan: periksa isian yang diberi keterangan merah.</source>
            <translation>Not saved yet: check the fields with a red note.</translation>
        </message>
        <message>
            <source>Tidak ada perubahan untuk disimpan.</source>
            <translation>There are no changes to save.</translation>
        </message>
        <message>
            <source>Menyimpan…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <source>Tersimpan.</source>
            <translation>Saved.</translation>
        </message>
        <message>
            <source>Belum tersimpan: sementara formulir ini terbuka, isian berikut diubah di laptop lain dan sudah terkirim ke laptop ini — {0}. Isian Anda masih di formulir; periksa atau gabungkan, lalu tekan Simpan lagi.</source>
            <translation>Not saved yet: while this form was open, these fields were changed on another laptop and have reached this one — {0}. What you typed is still in the form; check or combine, then press Save again.</translation>
        </message>
        <message>
            <source>Hapus data ini? Data yang dihapus hilang dari daftar, dan penghapusannya ikut dikirim ke kota.</source>
            <translation>Delete this entry? A deleted entry leaves the list, and the deletion is also sent to the city.</translation>
        </message>
        <message>
            <source>Ya, hapus</source>
            <translation>Yes, delete</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Menghapus…</source>
            <translation>Deleting…</translation>
        </message>
        <message>
            <source>Ada isian yang belum disimpan. Tutup tanpa menyimpan?</source>
            <translation>Some of what you typed is not saved. Close without saving?</translation>
        </message>
        <message>
            <source>Tutup tanpa menyimpan</source>
            <translation>Close without saving</translation>
        </message>
        <message>
            <source>Kembali mengisi</source>
            <translation>Keep editing</translation>
        </message>
    </context>
    <context>
        <name>Place</name>
        <message>
            <source>belum terdaftar ke server kota</source>
            <translation>not enrolled with the city server yet</translation>
        </message>
        <message>
            <source>Koordinator, {0}</source>
            <translation>Coordinator, {0}</translation>
        </message>
        <message>
            <source>UPTD PPA, {0}</source>
            <translation>UPTD PPA, {0}</translation>
        </message>
    </context>
    <context>
        <name>PlacePage</name>
        <message>
            <source>Wilayah RT Anda</source>
            <translation>Your RT</translation>
        </message>
        <message>
            <source>Data di laptop ini dicatat untuk satu RT.</source>
            <translation>The data on this laptop belongs to one RT.</translation>
        </message>
        <message>
            <source>Kelurahan</source>
            <translation>Kelurahan</translation>
        </message>
        <message>
            <source>Ketik nama kelurahan, misalnya Sungai Nangka</source>
            <translation>Type the name of the kelurahan, e.g. Sungai Nangka</translation>
        </message>
        <message>
            <source>Nomor RT</source>
            <translation>RT number</translation>
        </message>
        <message>
            <source>Pilih kelurahan dari daftar.</source>
            <translation>Choose a kelurahan from the list.</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>&amp;Step up</source>
            <translation>&amp;Step up</translation>
        </message>
        <message>
            <source>Step &amp;down</source>
            <translation>Step &amp;down</translation>
        </message>
        <message>
            <source>&amp;Select All</source>
            <translation>&amp;Select All</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Look in:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>File &amp;name:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>Files of &amp;type:</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Open</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Choose</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Save As</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Forward</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Parent Directory</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Create New Folder</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Create a New Folder</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>List View</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Detail View</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>New Folder</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>&amp;New Folder</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Rename</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Delete</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Show &amp;hidden files</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Recent Places</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Directory:</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>All Files (*)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>%1 already exists.
Do you want to replace it?</translation>
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation>Are you sure you want to delete '%1'?</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Sidebar</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Go back</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Go forward</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Go to the parent directory</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Change to list view mode</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Change to detail view mode</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>List of places and bookmarks</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Date Modified</translation>
        </message>
        <message>
            <source>Computer</source>
            <translation>Computer</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>My Computer</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <extracomment>language code → its own name (never translated: a reader must recognise their language) the pseudo-locale: Indonesian stretched by 40 % (for layout tests, never offered to users)</extracomment>
            <translation>&amp;Undo</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Redo</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>Cu&amp;t</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Copy</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Paste</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Select All</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Show Details...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Hide Details...</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Apply</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Reset</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Help</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Yes</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;No</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Yes to &amp;All</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>N&amp;o to All</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Abort</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Retry</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Ignore</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Restore Defaults</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Save All</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Undo</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Redo</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>Cu&amp;t</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Copy</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Paste</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Select All</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Copy &amp;Link Location</translation>
        </message>
    </context>
    <context>
        <name>RecordForm</name>
        <message>
            <source>Terjadi kesalahan tak terduga ({0}); data belum tersimpan.</source>
            <translation>Something unexpected went wrong ({0}); nothing was saved.</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Tampilkan data rahasia (tercatat di log)</source>
            <translation>Show the confidential details (this is recorded)</translation>
        </message>
        <message>
            <source>Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang ({0}) tidak dikirim ke laptop koordinator.</source>
            <translation>Names, contacts, addresses, what happened and other notes that could identify someone ({0}) are not sent to a coordinator's laptop.</translation>
        </message>
        <message>
            <source>Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya; setiap kali dibuka tercatat.</source>
            <translation>Names, contacts, addresses, what happened and other notes that could identify someone are hidden ({0}). Press “Show” to see them; every time they are opened is recorded.</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Simpan (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <source>Tutup</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Tutup (Esc)</source>
            <translation>Close (Esc)</translation>
        </message>
        <message>
            <source>Hapus</source>
            <translation>Delete</translation>
        </message>
    </context>
    <context>
        <name>RecoveryPage</name>
        <message>
            <source>Kode pemulihan</source>
            <translation>Recovery code</translation>
        </message>
        <message>
            <source>Kode ini hanya ditampilkan sekali sekarang.</source>
            <translation>This code is shown only this once.</translation>
        </message>
        <message>
            <source>Tulis kode di bawah ini di kertas, lalu simpan kertasnya di tempat yang aman, misalnya bersama dokumen penting RT. Jika semua kata sandi terlupa, hanya kode ini yang bisa membuka data lagi.</source>
            <translation>Write the code below on paper and keep the paper somewhere safe, for example with the RT's important documents. If every password is forgotten, only this code can open the data again.</translation>
        </message>
        <message>
            <source>Cetak…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <source>Simpan ke berkas…</source>
            <translation>Save to a file…</translation>
        </message>
        <message>
            <source>Jika disimpan ke berkas, pindahkan berkas itu ke flashdisk yang disimpan di tempat aman. Jangan biarkan berkas itu di laptop ini.</source>
            <translation>If you save it to a file, move the file to a USB stick kept somewhere safe. Do not leave the file on this laptop.</translation>
        </message>
        <message>
            <source>Saya sudah menulis kode ini</source>
            <translation>I have written this code down</translation>
        </message>
        <message>
            <source>Kode pemulihan RT Desktop</source>
            <translation>RT Desktop recovery code</translation>
        </message>
        <message>
            <source>Kelurahan {0} · RT {1}</source>
            <translation>Kelurahan {0} · RT {1}</translation>
        </message>
        <message>
            <source>Dibuat {0}</source>
            <translation>Made on {0}</translation>
        </message>
        <message>
            <source>Simpan kertas ini di tempat yang aman. Siapa pun yang memegang kode ini bisa membuka data RT ini.</source>
            <translation>Keep this paper somewhere safe. Anyone holding this code can open this RT's data.</translation>
        </message>
        <message>
            <source>Cetak kode pemulihan</source>
            <translation>Print the recovery code</translation>
        </message>
        <message>
            <source>Kode pemulihan dikirim ke printer.</source>
            <translation>The recovery code was sent to the printer.</translation>
        </message>
        <message>
            <source>Simpan kode pemulihan</source>
            <translation>Save the recovery code</translation>
        </message>
        <message>
            <source>Berkas teks (*.txt)</source>
            <translation>Text files (*.txt)</translation>
        </message>
        <message>
            <source>Tersimpan di {0}.</source>
            <translation>Saved to {0}.</translation>
        </message>
        <message>
            <source>Berkas tidak dapat disimpan: {0}</source>
            <translation>The file could not be saved: {0}</translation>
        </message>
    </context>
    <context>
        <name>RecoveryPanel</name>
        <message>
            <source>Lupa kata sandi?</source>
            <translation>Forgot your password?</translation>
        </message>
        <message>
            <source>Ketik kode pemulihan yang ditulis di kertas saat aplikasi pertama kali dipasang, lalu pilih kata sandi baru.</source>
            <translation>Type the recovery code written on paper when the app was first set up, then choose a new password.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Kode pemulihan</source>
            <translation>Recovery code</translation>
        </message>
        <message>
            <source>Ganti kata sandi dan masuk</source>
            <translation>Change password and sign in</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Ketik kode pemulihan.</source>
            <translation>Type the recovery code.</translation>
        </message>
    </context>
    <context>
        <name>ReferralEditor</name>
        <message>
            <source>Batalkan rujukan ini</source>
            <translation>Cancel this referral</translation>
        </message>
    </context>
    <context>
        <name>ReferralSection</name>
        <message>
            <source>Tambah rujukan</source>
            <translation>Add a referral</translation>
        </message>
        <message>
            <source>Belum ada rujukan untuk kasus ini.</source>
            <translation>This case has no referral yet.</translation>
        </message>
    </context>
    <context>
        <name>ReportFilters</name>
        <message>
            <source>Isi laporan</source>
            <translation>What the report covers</translation>
        </message>
        <message>
            <source>Periode</source>
            <translation>Period</translation>
        </message>
        <message>
            <source>Bulan</source>
            <translation>Month</translation>
        </message>
        <message>
            <source>Triwulan</source>
            <translation>Quarter</translation>
        </message>
        <message>
            <source>Tahun</source>
            <translation>Year</translation>
        </message>
        <message>
            <source>Rentang khusus</source>
            <translation>Custom range</translation>
        </message>
        <message>
            <source>Triwulan {0} ({1}–{2})</source>
            <translation>Quarter {0} ({1}–{2})</translation>
        </message>
        <message>
            <source>Dari</source>
            <translation>From</translation>
        </message>
        <message>
            <source>Sampai</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Kelurahan</source>
            <translation>Kelurahan</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>Semua RT</source>
            <translation>Every RT</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Laptop relawan melaporkan RT {0} saja.</source>
            <translation>A volunteer's laptop reports on RT {0} only.</translation>
        </message>
        <message>
            <source>Sebagian RT: hanya sesi dan peserta. Angka kasus hanya untuk seluruh kelurahan.</source>
            <translation>Some RTs: sessions and attendance only. Case figures are only for the whole kelurahan.</translation>
        </message>
        <message>
            <source>Rentang khusus: hanya sesi dan peserta. Angka kasus hanya untuk bulan, triwulan atau tahun.</source>
            <translation>Custom range: sessions and attendance only. Case figures are only for a month, a quarter or a year.</translation>
        </message>
    </context>
    <context>
        <name>ReportPage</name>
        <message>
            <source>Ekspor Excel (XLSX)</source>
            <translation>Export to Excel (XLSX)</translation>
        </message>
        <message>
            <source>Ekspor CSV (ZIP)</source>
            <translation>Export to CSV (ZIP)</translation>
        </message>
        <message>
            <source>Ekspor PDF</source>
            <translation>Export to PDF</translation>
        </message>
        <message>
            <source>Ada data baru sejak laporan ini disusun. Tekan Tampilkan untuk memperbarui.</source>
            <translation>There is new data since this report was made. Press Show to update it.</translation>
        </message>
        <message>
            <source>Perangkat ini tidak membuat laporan ringkasan: laporan dibuat di laptop relawan dan koordinator.</source>
            <translation>This device does not make summary reports: reports are made on volunteers' and coordinators' laptops.</translation>
        </message>
        <message>
            <source>Pilih periode dan RT, lalu tekan Tampilkan. Laporan hanya berisi angka: tidak ada nama atau cerita kasus.</source>
            <translation>Choose a period and RTs, then press Show. Reports hold figures only: no names and no case stories.</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Reports</translation>
        </message>
        <message>
            <source>Pilih sedikitnya satu RT, atau centang “Semua RT”.</source>
            <translation>Choose at least one RT, or tick “Every RT”.</translation>
        </message>
        <message>
            <source>Menyusun laporan…</source>
            <translation>Making the report…</translation>
        </message>
        <message>
            <source>Laporan {0}</source>
            <translation>Report {0}</translation>
        </message>
        <message>
            <source>Kelurahan {0} · Kecamatan {1} · {2} · {3}</source>
            <translation>Kelurahan {0} · Kecamatan {1} · {2} · {3}</translation>
        </message>
        <message>
            <source>Data hanya dari laptop ini: belum pernah terhubung ke server kota.</source>
            <translation>Data of this laptop only: it has never reached the city server.</translation>
        </message>
        <message>
            <source>Data per {0}</source>
            <translation>Data as of {0}</translation>
        </message>
        <message>
            <source>Buku kerja Excel (*.xlsx)</source>
            <translation>Excel workbooks (*.xlsx)</translation>
        </message>
        <message>
            <source>Arsip ZIP berisi CSV (*.zip)</source>
            <translation>ZIP archives of CSV files (*.zip)</translation>
        </message>
        <message>
            <source>Dokumen PDF (*.pdf)</source>
            <translation>PDF documents (*.pdf)</translation>
        </message>
        <message>
            <source>Simpan laporan</source>
            <translation>Save the report</translation>
        </message>
        <message>
            <source>Menyimpan…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <source>Tersimpan: {0}</source>
            <translation>Saved: {0}</translation>
        </message>
        <message>
            <source>Terjadi kesalahan: {0}</source>
            <translation>Something went wrong: {0}</translation>
        </message>
    </context>
    <context>
        <name>ReportTableModel</name>
        <message>
            <source>Angka 1 sampai {0} disembunyikan agar anak tidak dapat dikenali.</source>
            <translation>Figures from 1 to {0} are hidden so that no child can be recognised.</translation>
        </message>
        <message>
            <source>Disembunyikan agar angka “&lt;{0}” tidak dapat dihitung dari jumlah.</source>
            <translation>Hidden so that a “&lt;{0}” figure cannot be worked out from the totals.</translation>
        </message>
    </context>
    <context>
        <name>SessionForm</name>
        <message>
            <source>Sesi Lautan RT baru</source>
            <translation>New Lautan RT session</translation>
        </message>
        <message>
            <source>Sesi Lautan RT {0}</source>
            <translation>Lautan RT session {0}</translation>
        </message>
        <message>
            <source>Tersimpan di laptop ini</source>
            <translation>Kept on this laptop</translation>
        </message>
        <message>
            <source>Waktu dan tempat</source>
            <translation>Time and place</translation>
        </message>
        <message>
            <source>Materi dan narasumber</source>
            <translation>Topics and speakers</translation>
        </message>
        <message>
            <source>Peserta yang hadir</source>
            <translation>Who attended</translation>
        </message>
        <message>
            <source>Catatan sesi</source>
            <translation>Session notes</translation>
        </message>
        <message>
            <source>Jumlah peserta: {0} orang</source>
            <translation>Attendance: {0} people</translation>
        </message>
    </context>
    <context>
        <name>SessionListModel</name>
        <message>
            <source>Jumlah peserta</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>Status kirim</source>
            <translation>Sending</translation>
        </message>
    </context>
    <context>
        <name>SessionListPage</name>
        <message>
            <source>Cari tempat, topik, narasumber, catatan…</source>
            <translation>Search place, topic, speaker, notes…</translation>
        </message>
        <message>
            <source>Catat sesi baru</source>
            <translation>Record a new session</translation>
        </message>
        <message>
            <source>Catat sesi baru (Ctrl+N)</source>
            <translation>Record a new session (Ctrl+N)</translation>
        </message>
        <message>
            <source>Cari (Ctrl+F)</source>
            <translation>Search (Ctrl+F)</translation>
        </message>
        <message>
            <source>Semua waktu</source>
            <translation>Any time</translation>
        </message>
        <message>
            <source>Bulan ini</source>
            <translation>This month</translation>
        </message>
        <message>
            <source>Bulan lalu</source>
            <translation>Last month</translation>
        </message>
        <message>
            <source>Tahun ini</source>
            <translation>This year</translation>
        </message>
        <message>
            <source>Pilih tanggal…</source>
            <translation>Choose dates…</translation>
        </message>
        <message>
            <source>Semua topik</source>
            <translation>Every topic</translation>
        </message>
        <message>
            <source>Periode</source>
            <translation>Period</translation>
        </message>
        <message>
            <source>Dari tanggal</source>
            <translation>From</translation>
        </message>
        <message>
            <source>Sampai tanggal</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Tidak ada sesi yang cocok. Ubah pencarian atau saringan.</source>
            <translation>No session matches. Change the search or the filters.</translation>
        </message>
        <message>
            <source>Belum ada sesi. Tekan “Catat sesi baru” untuk mulai.</source>
            <translation>No sessions yet. Press “Record a new session” to start.</translation>
        </message>
        <message>
            <source>{0} sesi</source>
            <translation>{0} sessions</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Pengguna {0} ditambahkan.</source>
            <translation>User {0} added.</translation>
        </message>
        <message>
            <source>Kata sandi {0} sudah diganti.</source>
            <translation>{0}'s password has been changed.</translation>
        </message>
        <message>
            <source>Pengaturan</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Bahasa</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Bahasa aplikasi</source>
            <translation>App's language</translation>
        </message>
        <message>
            <source>Kunci otomatis</source>
            <translation>Automatic lock</translation>
        </message>
        <message>
            <source>Kunci jika tidak dipakai selama</source>
            <translation>Lock when not used for</translation>
        </message>
        <message>
            <source> menit</source>
            <translation> minutes</translation>
        </message>
        <message>
            <source>Laptop ini dipakai bersama. Setelah waktu ini tanpa ketikan atau gerakan tetikus, aplikasi dikunci; pekerjaan yang terbuka tetap tersimpan. Kunci sekarang: Ctrl+L.</source>
            <translation>This laptop is shared. After this long without typing or mouse movement the app locks; open work is kept. Lock now: Ctrl+L.</translation>
        </message>
        <message>
            <source>Pengguna di laptop ini</source>
            <translation>Users on this laptop</translation>
        </message>
        <message>
            <source>Tambah pengguna</source>
            <translation>Add a user</translation>
        </message>
        <message>
            <source>Ganti kata sandi</source>
            <translation>Change password</translation>
        </message>
        <message>
            <source>Wilayah</source>
            <translation>Area</translation>
        </message>
        <message>
            <source>Tentang RT Desktop</source>
            <translation>About RT Desktop</translation>
        </message>
        <message>
            <source>RT Desktop versi {0} · folder data: {1}</source>
            <translation>RT Desktop version {0} · data folder: {1}</translation>
        </message>
        <message>
            <source>Kelurahan {0}, Kecamatan {1} · RT {2}</source>
            <translation>Kelurahan {0}, Kecamatan {1} · RT {2}</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>RT Desktop — persiapan pertama</source>
            <translation>RT Desktop — first set-up</translation>
        </message>
        <message>
            <source>&lt; Kembali</source>
            <translation>&lt; Back</translation>
        </message>
        <message>
            <source>Lanjut &gt;</source>
            <translation>Next &gt;</translation>
        </message>
        <message>
            <source>Simpan dan lanjut &gt;</source>
            <translation>Save and continue &gt;</translation>
        </message>
        <message>
            <source>Selesai</source>
            <translation>Finish</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>StoredReferralRow</name>
        <message>
            <source>dirujuk {0}</source>
            <translation>referred {0}</translation>
        </message>
        <message>
            <source>persetujuan: {0}</source>
            <translation>consent: {0}</translation>
        </message>
        <message>
            <source>tanpa persetujuan</source>
            <translation>without consent</translation>
        </message>
        <message>
            <source>Status rujukan</source>
            <translation>Referral status</translation>
        </message>
    </context>
    <context>
        <name>SyncState</name>
        <message>
            <source>Belum terkirim</source>
            <translation>Not sent yet</translation>
        </message>
        <message>
            <source>Terkirim</source>
            <translation>Sent</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation>Conflict</translation>
        </message>
        <message>
            <source>Ditolak</source>
            <translation>Rejected</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusWidget</name>
        <message>
            <source>Sedang mengirim dan menerima…</source>
            <translation>Sending and receiving…</translation>
        </message>
        <message>
            <source>Belum terhubung ke server kota</source>
            <translation>Not connected to the city server yet</translation>
        </message>
        <message>
            <source>Terakhir terhubung: {0}</source>
            <translation>Last connected: {0}</translation>
        </message>
        <message>
            <source>Belum pernah terhubung ke server</source>
            <translation>Never connected to the server yet</translation>
        </message>
        <message>
            <source>Perubahan belum terkirim: {0}</source>
            <translation>Changes not sent yet: {0}</translation>
        </message>
        <message>
            <source>Versi baru tersedia: &lt;a href="{0}"&gt;{0}&lt;/a&gt;</source>
            <translation>A new version is available: &lt;a href="{0}"&gt;{0}&lt;/a&gt;</translation>
        </message>
    </context>
    <context>
        <name>SyncUi</name>
        <message>
            <source>Kirim &amp; terima</source>
            <translation>Send &amp; receive</translation>
        </message>
        <message>
            <source>Sinkronkan sekarang</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <source>Kirim perubahan ke server kota dan terima yang baru (F5)</source>
            <translation>Send changes to the city server and receive new ones (F5)</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Belum terkirim</source>
            <translation>Not sent yet</translation>
        </message>
        <message>
            <source>Rujukan masuk</source>
            <translation>Incoming referrals</translation>
        </message>
        <message>
            <source>Daftarkan laptop</source>
            <translation>Enrol this laptop</translation>
        </message>
    </context>
    <context>
        <name>TableBlock</name>
        <message>
            <source>“&lt;{0}”: 1 sampai {1} kasus, disembunyikan agar anak tidak dapat dikenali. “x”: disembunyikan agar angka “&lt;{0}” tidak dapat dihitung dari jumlah.</source>
            <extracomment>Taller tables (a kelurahan with 60 RTs) scroll inside their view.</extracomment>
            <translation>“&lt;{0}”: 1 to {1} cases, hidden so that no child can be recognised. “x”: hidden so that a “&lt;{0}” figure cannot be worked out from the totals.</translation>
        </message>
        <message>
            <source>Tidak ada.</source>
            <translation>None.</translation>
        </message>
    </context>
    <context>
        <name>TimeEditor</name>
        <message>
            <source>contoh 19.30</source>
            <translation>e.g. 19.30</translation>
        </message>
    </context>
    <context>
        <name>TrendChart</name>
        <message>
            <source>Sesi Lautan RT</source>
            <translation>Lautan RT sessions</translation>
        </message>
        <message>
            <source>Peserta hadir</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>Kasus dilaporkan</source>
            <translation>Cases reported</translation>
        </message>
        <message>
            <source>Kotak putus-putus “&lt;3” atau “x”: angka kasus disembunyikan agar anak tidak dapat dikenali.</source>
            <translation>Dashed box “&lt;3” or “x”: the case figure is hidden so that no child can be recognised.</translation>
        </message>
    </context>
    <context>
        <name>UnsentModel</name>
        <message>
            <source>Data</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Keadaan</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Sejak</source>
            <translation>Since</translation>
        </message>
        <message>
            <source>Percobaan</source>
            <translation>Attempts</translation>
        </message>
        <message>
            <source>Alasan dari server</source>
            <translation>Server's reason</translation>
        </message>
        <message>
            <source>Dicoba lagi</source>
            <translation>Next attempt</translation>
        </message>
        <message>
            <source>Ditolak server</source>
            <translation>Rejected by the server</translation>
        </message>
        <message>
            <source>Menunggu dikirim</source>
            <translation>Waiting to be sent</translation>
        </message>
    </context>
    <context>
        <name>UnsentPage</name>
        <message>
            <source>Perubahan belum terkirim</source>
            <translation>Changes not sent yet</translation>
        </message>
        <message>
            <source>Perubahan ini aman di laptop ini dan dikirim otomatis saat server terjangkau. Yang ditolak server perlu diperbaiki di datanya.</source>
            <translation>These changes are safe on this laptop and are sent automatically when the server can be reached. Rejected ones need the data corrected.</translation>
        </message>
        <message>
            <source>Semua perubahan sudah terkirim.</source>
            <translation>All changes have been sent.</translation>
        </message>
    </context>
    <context>
        <name>UserPage</name>
        <message>
            <source>Relawan pertama</source>
            <translation>The first volunteer</translation>
        </message>
        <message>
            <source>Nama Anda dan kata sandi untuk membuka aplikasi.</source>
            <translation>Your name and a password to open the app.</translation>
        </message>
        <message>
            <source>Nama Anda</source>
            <translation>Your name</translation>
        </message>
        <message>
            <source>Kata sandi melindungi data anak dan korban di laptop ini. Jangan memberi tahu kata sandi Anda kepada orang lain; relawan lain bisa ditambahkan sebagai pengguna dengan kata sandinya sendiri.</source>
            <translation>The password protects the data about children and victims on this laptop. Do not tell anyone your password; other volunteers can be added as users with their own passwords.</translation>
        </message>
        <message>
            <source>Menyiapkan data di laptop ini…</source>
            <translation>Preparing the data on this laptop…</translation>
        </message>
    </context>
    <context>
        <name>page</name>
        <message>
            <source>{0} · {1}</source>
            <translation>{0} · {1}</translation>
        </message>
        <message>
            <source>Pakai nilai ini</source>
            <translation>Use this value</translation>
        </message>
        <message>
            <source>Nilai yang dipakai sekarang</source>
            <translation>Value in use now</translation>
        </message>
        <message>
            <source>Nilai yang tertimpa, dari laptop ini</source>
            <translation>Value overwritten, from this laptop</translation>
        </message>
        <message>
            <source>Nilai yang tertimpa, dari laptop lain</source>
            <translation>Value overwritten, from another laptop</translation>
        </message>
        <message>
            <source>Tekan “Tampilkan” dulu untuk melihat kedua nilai.</source>
            <translation>Press “Show” first to see both values.</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Menampilkan isian rahasia; tercatat di log akses</source>
            <translation>Shows confidential fields; recorded in the access log</translation>
        </message>
    </context>
</TS>
