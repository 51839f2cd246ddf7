<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="id_ID">
    <context>
        <name>AddUserPanel</name>
        <message>
            <source>Tambah pengguna</source>
            <translation>Tambah pengguna</translation>
        </message>
        <message>
            <source>Relawan yang sudah terdaftar mengizinkan dengan kata sandinya, lalu relawan baru memilih kata sandinya sendiri.</source>
            <translation>Relawan yang sudah terdaftar mengizinkan dengan kata sandinya, lalu relawan baru memilih kata sandinya sendiri.</translation>
        </message>
        <message>
            <source>Diizinkan oleh</source>
            <translation>Diizinkan oleh</translation>
        </message>
        <message>
            <source>Kata sandi relawan yang mengizinkan</source>
            <translation>Kata sandi relawan yang mengizinkan</translation>
        </message>
        <message>
            <source>Nama relawan baru</source>
            <translation>Nama relawan baru</translation>
        </message>
        <message>
            <source>Tambahkan</source>
            <translation>Tambahkan</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Isi nama relawan baru.</source>
            <translation>Isi nama relawan baru.</translation>
        </message>
    </context>
    <context>
        <name>ChangePasswordPanel</name>
        <message>
            <source>Ganti kata sandi</source>
            <translation>Ganti kata sandi</translation>
        </message>
        <message>
            <source>Data tetap aman dan tidak berubah; hanya kata sandinya yang diganti.</source>
            <translation>Data tetap aman dan tidak berubah; hanya kata sandinya yang diganti.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Kata sandi sekarang</source>
            <translation>Kata sandi sekarang</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Kembali</translation>
        </message>
    </context>
    <context>
        <name>ChoiceEditor</name>
        <message>
            <source>— pilih —</source>
            <translation>— pilih —</translation>
        </message>
    </context>
    <context>
        <name>ConflictsPage</name>
        <message>
            <source>Data dihapus</source>
            <translation>Data dihapus</translation>
        </message>
        <message>
            <source>(tidak dikirim ke laptop koordinator)</source>
            <translation>(tidak dikirim ke laptop koordinator)</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation type="unfinished">Konflik</translation>
        </message>
        <message>
            <source>Data ini diubah di dua laptop sebelum sempat terkirim. Relawan RT memilih nilai yang benar di laptop RT; di sini hanya terlihat.</source>
            <translation>Data ini diubah di dua laptop sebelum sempat terkirim. Relawan RT memilih nilai yang benar di laptop RT; di sini hanya terlihat.</translation>
        </message>
        <message>
            <source>Data ini diubah di dua laptop sebelum sempat terkirim. Pilih nilai yang benar; pilihan Anda dikirim ke server dan ke laptop lain.</source>
            <translation>Data ini diubah di dua laptop sebelum sempat terkirim. Pilih nilai yang benar; pilihan Anda dikirim ke server dan ke laptop lain.</translation>
        </message>
        <message>
            <source>Tidak ada konflik. Semua data sama dengan di server.</source>
            <translation>Tidak ada konflik. Semua data sama dengan di server.</translation>
        </message>
    </context>
    <context>
        <name>DateBox</name>
        <message>
            <source>hh/bb/tttt</source>
            <translation type="unfinished">hh/bb/tttt</translation>
        </message>
        <message>
            <source>Pilih dari kalender (Alt+↓)</source>
            <translation type="unfinished">Pilih dari kalender (Alt+↓)</translation>
        </message>
        <message>
            <source>Paling lambat {0}.</source>
            <translation>Paling lambat {0}.</translation>
        </message>
        <message>
            <source>Paling awal {0}.</source>
            <translation>Paling awal {0}.</translation>
        </message>
        <message>
            <source>“{0}” bukan tanggal yang bisa dibaca; tetap {1}. Ketik hari/bulan/tahun, misalnya 17/08/2026.</source>
            <translation>“{0}” bukan tanggal yang bisa dibaca; tetap {1}. Ketik hari/bulan/tahun, misalnya 17/08/2026.</translation>
        </message>
        <message>
            <source>Tanggal tidak boleh kosong; tetap {0}.</source>
            <translation>Tanggal tidak boleh kosong; tetap {0}.</translation>
        </message>
    </context>
    <context>
        <name>DateEditor</name>
        <message>
            <source>hh/bb/tttt</source>
            <translation>hh/bb/tttt</translation>
        </message>
        <message>
            <source>Ketik hari/bulan/tahun, misalnya 17/08/2026, atau tekan Alt+↓ untuk memilih dari kalender.</source>
            <translation>Ketik hari/bulan/tahun, misalnya 17/08/2026, atau tekan Alt+↓ untuk memilih dari kalender.</translation>
        </message>
        <message>
            <source>Pilih dari kalender (Alt+↓)</source>
            <translation>Pilih dari kalender (Alt+↓)</translation>
        </message>
    </context>
    <context>
        <name>DraftBanner</name>
        <message>
            <source>Pulihkan</source>
            <translation>Pulihkan</translation>
        </message>
        <message>
            <source>Buang</source>
            <translation>Buang</translation>
        </message>
        <message>
            <source>Ada 1 isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, atau buang jika tidak diperlukan lagi.</source>
            <translation>Ada 1 isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, atau buang jika tidak diperlukan lagi.</translation>
        </message>
        <message>
            <source>Ada {0} isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, atau buang jika tidak diperlukan lagi.</source>
            <translation>Ada {0} isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, atau buang jika tidak diperlukan lagi.</translation>
        </message>
    </context>
    <context>
        <name>DraftsMixin</name>
        <message>
            <source>Isian sementara tidak dapat disimpan: {0}</source>
            <translation type="unfinished">Isian sementara tidak dapat disimpan: {0}</translation>
        </message>
    </context>
    <context>
        <name>EmergencyBanner</name>
        <message>
            <source>Risiko tinggi atau darurat: pastikan relawan RT sudah menghubungi layanan ini dan mencatat rujukannya.</source>
            <translation>Risiko tinggi atau darurat: pastikan relawan RT sudah menghubungi layanan ini dan mencatat rujukannya.</translation>
        </message>
        <message>
            <source>Risiko tinggi atau darurat: hubungi layanan ini sekarang, lalu catat rujukannya.</source>
            <translation>Risiko tinggi atau darurat: hubungi layanan ini sekarang, lalu catat rujukannya.</translation>
        </message>
        <message>
            <source>telepon {0}</source>
            <translation>telepon {0}</translation>
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
            <translation>Daftarkan laptop ke server kota</translation>
        </message>
        <message>
            <source>Minta alamat server dan kode pendaftaran ke admin kota. Kode hanya bisa dipakai sekali.</source>
            <translation>Minta alamat server dan kode pendaftaran ke admin kota. Kode hanya bisa dipakai sekali.</translation>
        </message>
        <message>
            <source>Izinkan alamat http:// (hanya atas saran admin)</source>
            <translation>Izinkan alamat http:// (hanya atas saran admin)</translation>
        </message>
        <message>
            <source>Alamat server</source>
            <translation>Alamat server</translation>
        </message>
        <message>
            <source>Kode pendaftaran</source>
            <translation>Kode pendaftaran</translation>
        </message>
        <message>
            <source>Daftarkan</source>
            <translation>Daftarkan</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation type="unfinished">Batal</translation>
        </message>
        <message>
            <source>Laptop ini sudah terdaftar di {0} sebagai laptop {1} {2}. Kode baru menggantikan pendaftaran itu; data di laptop ini tetap.</source>
            <translation>Laptop ini sudah terdaftar di {0} sebagai laptop {1} {2}. Kode baru menggantikan pendaftaran itu; data di laptop ini tetap.</translation>
        </message>
        <message>
            <source>Isi alamat server dan kode pendaftaran.</source>
            <translation>Isi alamat server dan kode pendaftaran.</translation>
        </message>
        <message>
            <source>Menghubungi server…</source>
            <translation>Menghubungi server…</translation>
        </message>
        <message>
            <source>Kode salah, sudah dipakai, atau sudah kedaluwarsa. Minta kode baru ke admin kota.</source>
            <translation>Kode salah, sudah dipakai, atau sudah kedaluwarsa. Minta kode baru ke admin kota.</translation>
        </message>
        <message>
            <source>Kode ini untuk RT atau jenis laptop lain. Minta kode yang sesuai ke admin kota.</source>
            <translation>Kode ini untuk RT atau jenis laptop lain. Minta kode yang sesuai ke admin kota.</translation>
        </message>
        <message>
            <source>Server tidak terjangkau. Periksa alamat server dan sambungan internet, lalu coba lagi.</source>
            <translation>Server tidak terjangkau. Periksa alamat server dan sambungan internet, lalu coba lagi.</translation>
        </message>
        <message>
            <source>Alamat harus diawali https://. Alamat http:// hanya boleh atas saran admin kota.</source>
            <translation>Alamat harus diawali https://. Alamat http:// hanya boleh atas saran admin kota.</translation>
        </message>
        <message>
            <source>Sertifikat server tidak dapat diperiksa. Hubungi admin kota.</source>
            <translation>Sertifikat server tidak dapat diperiksa. Hubungi admin kota.</translation>
        </message>
        <message>
            <source>Perlu versi baru aplikasi sebelum mendaftar.</source>
            <translation>Perlu versi baru aplikasi sebelum mendaftar.</translation>
        </message>
        <message>
            <source>Server sedang bermasalah. Coba lagi nanti.</source>
            <translation>Server sedang bermasalah. Coba lagi nanti.</translation>
        </message>
        <message>
            <source>Server sibuk. Coba lagi sebentar lagi.</source>
            <translation>Server sibuk. Coba lagi sebentar lagi.</translation>
        </message>
        <message>
            <source>Alamat server tidak valid atau bukan server RT Desktop.</source>
            <translation>Alamat server tidak valid atau bukan server RT Desktop.</translation>
        </message>
        <message>
            <source>Pendaftaran gagal. Coba lagi atau hubungi admin kota.</source>
            <translation>Pendaftaran gagal. Coba lagi atau hubungi admin kota.</translation>
        </message>
    </context>
    <context>
        <name>FieldEditor</name>
        <message>
            <source>Disembunyikan. Tekan “Tampilkan” untuk melihat isinya.</source>
            <extracomment>the value changed (typing, ticking, choosing); carries the field name focus left the field: its message may show now Enter pressed in a single-line input</extracomment>
            <translation>Disembunyikan. Tekan “Tampilkan” untuk melihat isinya.</translation>
        </message>
    </context>
    <context>
        <name>FollowUpTimeline</name>
        <message>
            <source>Simpan kasus ini dulu, lalu tambahkan catatan tindak lanjut di sini.</source>
            <translation>Simpan kasus ini dulu, lalu tambahkan catatan tindak lanjut di sini.</translation>
        </message>
        <message>
            <source>Catatan baru</source>
            <translation>Catatan baru</translation>
        </message>
        <message>
            <source>Tambah catatan</source>
            <translation>Tambah catatan</translation>
        </message>
        <message>
            <source>Catatan tindak lanjut dari RT tidak dikirim ke laptop UPTD PPA.</source>
            <translation>Catatan tindak lanjut dari RT tidak dikirim ke laptop UPTD PPA.</translation>
        </message>
        <message>
            <source>Belum ada catatan tindak lanjut.</source>
            <translation>Belum ada catatan tindak lanjut.</translation>
        </message>
        <message>
            <source>Catatan ditambahkan.</source>
            <translation>Catatan ditambahkan.</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>Catat sesi baru</source>
            <translation>Catat sesi baru</translation>
        </message>
        <message>
            <source>Catat Sesi Lautan RT yang baru diadakan</source>
            <translation>Catat Sesi Lautan RT yang baru diadakan</translation>
        </message>
        <message>
            <source>Catat kasus baru</source>
            <translation>Catat kasus baru</translation>
        </message>
        <message>
            <source>Catat laporan kekerasan terhadap perempuan atau anak</source>
            <translation>Catat laporan kekerasan terhadap perempuan atau anak</translation>
        </message>
        <message>
            <source>Sesi Lautan RT bulan ini</source>
            <translation>Sesi Lautan RT bulan ini</translation>
        </message>
        <message>
            <source>Kasus terbuka</source>
            <translation>Kasus terbuka</translation>
        </message>
        <message>
            <source>Tindak lanjut minggu ini</source>
            <translation>Tindak lanjut minggu ini</translation>
        </message>
        <message>
            <source>Perubahan belum terkirim</source>
            <translation>Perubahan belum terkirim</translation>
        </message>
        <message>
            <source>Tindak lanjut yang jatuh tempo</source>
            <translation>Tindak lanjut yang jatuh tempo</translation>
        </message>
        <message>
            <source>Tidak ada tindak lanjut yang jatuh tempo minggu ini.</source>
            <translation>Tidak ada tindak lanjut yang jatuh tempo minggu ini.</translation>
        </message>
        <message>
            <source>Klik dua kali atau tekan Enter untuk membuka kasusnya.</source>
            <translation>Klik dua kali atau tekan Enter untuk membuka kasusnya.</translation>
        </message>
        <message>
            <source>Selamat datang, {0}</source>
            <translation>Selamat datang, {0}</translation>
        </message>
        <message>
            <source>Beranda</source>
            <translation>Beranda</translation>
        </message>
        <message>
            <source>{0} · Kelurahan {1} · RT {2}</source>
            <translation>{0} · Kelurahan {1} · RT {2}</translation>
        </message>
        <message>
            <source>{0} peserta hadir</source>
            <translation>{0} peserta hadir</translation>
        </message>
        <message>
            <source>belum selesai ditangani</source>
            <translation>belum selesai ditangani</translation>
        </message>
        <message>
            <source>{0} sudah lewat waktunya</source>
            <translation>{0} sudah lewat waktunya</translation>
        </message>
        <message>
            <source>tidak ada yang terlambat</source>
            <translation>tidak ada yang terlambat</translation>
        </message>
        <message>
            <source>tersimpan di laptop ini</source>
            <translation>tersimpan di laptop ini</translation>
        </message>
        <message>
            <source>{0} · {1} · hanya melihat data</source>
            <translation>{0} · {1} · hanya melihat data</translation>
        </message>
        <message>
            <source>{0} · {1}</source>
            <translation>{0} · {1}</translation>
        </message>
        <message>
            <source>{0} — terlambat</source>
            <translation>{0} — terlambat</translation>
        </message>
    </context>
    <context>
        <name>IncidentForm</name>
        <message>
            <source>Kasus baru</source>
            <translation type="unfinished">Kasus baru</translation>
        </message>
        <message>
            <source>Kode kasus dibuat otomatis saat pertama disimpan.</source>
            <translation>Kode kasus dibuat otomatis saat pertama disimpan.</translation>
        </message>
        <message>
            <source>Kasus {0}</source>
            <translation>Kasus {0}</translation>
        </message>
        <message>
            <source>Kode kasus dibuat otomatis; tidak dapat diubah.</source>
            <translation>Kode kasus dibuat otomatis; tidak dapat diubah.</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Laporan</translation>
        </message>
        <message>
            <source>Korban</source>
            <translation>Korban</translation>
        </message>
        <message>
            <source>Terlapor</source>
            <translation>Terlapor</translation>
        </message>
        <message>
            <source>Kejadian</source>
            <translation>Kejadian</translation>
        </message>
        <message>
            <source>Risiko dan persetujuan</source>
            <translation>Risiko dan persetujuan</translation>
        </message>
        <message>
            <source>Penanganan di RT</source>
            <translation>Penanganan di RT</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Catatan tindak lanjut</source>
            <translation>Catatan tindak lanjut</translation>
        </message>
        <message>
            <source>Rujukan — wajib untuk kasus ini</source>
            <translation>Rujukan — wajib untuk kasus ini</translation>
        </message>
        <message>
            <source>Rujukan</source>
            <translation>Rujukan</translation>
        </message>
    </context>
    <context>
        <name>IncidentListModel</name>
        <message>
            <source>Status kirim</source>
            <translation type="unfinished">Status kirim</translation>
        </message>
        <message>
            <source>terlambat</source>
            <translation>terlambat</translation>
        </message>
        <message>
            <source>Tindak lanjut sudah lewat tanggalnya.</source>
            <translation>Tindak lanjut sudah lewat tanggalnya.</translation>
        </message>
    </context>
    <context>
        <name>IncidentListPage</name>
        <message>
            <source>Cari kode kasus, jenis kekerasan, tempat…</source>
            <translation>Cari kode kasus, jenis kekerasan, tempat…</translation>
        </message>
        <message>
            <source>Cari (Ctrl+F)</source>
            <translation type="unfinished">Cari (Ctrl+F)</translation>
        </message>
        <message>
            <source>Catat kasus baru</source>
            <translation type="unfinished">Catat kasus baru</translation>
        </message>
        <message>
            <source>Catat kasus baru (Ctrl+N)</source>
            <translation>Catat kasus baru (Ctrl+N)</translation>
        </message>
        <message>
            <source>Semua status</source>
            <translation>Semua status</translation>
        </message>
        <message>
            <source>Semua jenis kekerasan</source>
            <translation>Semua jenis kekerasan</translation>
        </message>
        <message>
            <source>Semua tingkat risiko</source>
            <translation>Semua tingkat risiko</translation>
        </message>
        <message>
            <source>Tidak ada kasus yang cocok. Ubah pencarian atau saringan.</source>
            <translation>Tidak ada kasus yang cocok. Ubah pencarian atau saringan.</translation>
        </message>
        <message>
            <source>Belum ada kasus. Tekan “Catat kasus baru” untuk mencatat.</source>
            <translation>Belum ada kasus. Tekan “Catat kasus baru” untuk mencatat.</translation>
        </message>
        <message>
            <source>{0} kasus</source>
            <translation>{0} kasus</translation>
        </message>
    </context>
    <context>
        <name>IncomingReferralsPage</name>
        <message>
            <source>Rujukan masuk</source>
            <translation>Rujukan masuk</translation>
        </message>
        <message>
            <source>Belum ada kasus yang dirujuk ke UPTD PPA.</source>
            <translation>Belum ada kasus yang dirujuk ke UPTD PPA.</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation>Tampilkan</translation>
        </message>
        <message>
            <source>Tampilkan data rahasia (tercatat di log)</source>
            <translation>Tampilkan data rahasia (tercatat di log)</translation>
        </message>
        <message>
            <source>Nama, kontak, alamat, kronologi, catatan tanggapan, dan catatan lain yang dapat mengenali orang disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya atau menulis catatan; setiap kali dibuka tercatat.</source>
            <translation>Nama, kontak, alamat, kronologi, catatan tanggapan, dan catatan lain yang dapat mengenali orang disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya atau menulis catatan; setiap kali dibuka tercatat.</translation>
        </message>
        <message>
            <source>Kasus</source>
            <translation>Kasus</translation>
        </message>
        <message>
            <source>Simpan tanggapan</source>
            <translation>Simpan tanggapan</translation>
        </message>
        <message>
            <source>Tanggapan UPTD PPA</source>
            <translation>Tanggapan UPTD PPA</translation>
        </message>
        <message>
            <source>Status sekarang</source>
            <translation>Status sekarang</translation>
        </message>
        <message>
            <source>Status rujukan</source>
            <translation type="unfinished">Status rujukan</translation>
        </message>
        <message>
            <source>{0} · dirujuk {1}</source>
            <translation>{0} · dirujuk {1}</translation>
        </message>
        <message>
            <source>Catatan disimpan dan dikirim ke server saat terhubung; status rujukan tetap {0}.</source>
            <translation>Catatan disimpan dan dikirim ke server saat terhubung; status rujukan tetap {0}.</translation>
        </message>
        <message>
            <source>Layanan yang dibutuhkan</source>
            <translation>Layanan yang dibutuhkan</translation>
        </message>
        <message>
            <source>— pilih status —</source>
            <translation>— pilih status —</translation>
        </message>
        <message>
            <source>Belum ada yang diubah: pilih status atau tulis catatan tanggapan.</source>
            <translation>Belum ada yang diubah: pilih status atau tulis catatan tanggapan.</translation>
        </message>
        <message>
            <source>Tanggapan disimpan; dikirim ke server saat terhubung.</source>
            <translation>Tanggapan disimpan; dikirim ke server saat terhubung.</translation>
        </message>
    </context>
    <context>
        <name>LanguagePage</name>
        <message>
            <source>Selamat datang di RT Desktop</source>
            <translation>Selamat datang di RT Desktop</translation>
        </message>
        <message>
            <source>Pilih bahasa aplikasi. Bahasa bisa diganti nanti di Pengaturan.</source>
            <translation>Pilih bahasa aplikasi. Bahasa bisa diganti nanti di Pengaturan.</translation>
        </message>
        <message>
            <source>RT Desktop membantu relawan PPATBM mencatat Sesi Lautan RT dan kasus kekerasan terhadap perempuan dan anak di RT. Semua catatan tersimpan terkunci di laptop ini dan bisa dipakai tanpa internet. Persiapan ini hanya sekali, sekitar dua menit.</source>
            <translation>RT Desktop membantu relawan PPATBM mencatat Sesi Lautan RT dan kasus kekerasan terhadap perempuan dan anak di RT. Semua catatan tersimpan terkunci di laptop ini dan bisa dipakai tanpa internet. Persiapan ini hanya sekali, sekitar dua menit.</translation>
        </message>
    </context>
    <context>
        <name>LetterAction</name>
        <message>
            <source>Cetak surat rujukan</source>
            <translation>Cetak surat rujukan</translation>
        </message>
        <message>
            <source>Surat untuk menyertai rujukan ini. Memuat identitas korban: rahasia.</source>
            <translation>Surat untuk menyertai rujukan ini. Memuat identitas korban: rahasia.</translation>
        </message>
        <message>
            <source>Surat rujukan bersifat rahasia</source>
            <translation>Surat rujukan bersifat rahasia</translation>
        </message>
        <message>
            <source>Surat rujukan memuat identitas korban (nama, alamat, kontak). Cetak hanya untuk menyertai rujukan ini, serahkan langsung kepada petugas penerima, dan hapus berkasnya setelah dicetak. Pencetakan ini dicatat.

Lanjutkan?</source>
            <translation>Surat rujukan memuat identitas korban (nama, alamat, kontak). Cetak hanya untuk menyertai rujukan ini, serahkan langsung kepada petugas penerima, dan hapus berkasnya setelah dicetak. Pencetakan ini dicatat.

Lanjutkan?</translation>
        </message>
        <message>
            <source>Simpan surat rujukan</source>
            <translation>Simpan surat rujukan</translation>
        </message>
        <message>
            <source>Dokumen PDF (*.pdf)</source>
            <translation>Dokumen PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Surat rujukan tersimpan: {0}. Simpan di tempat aman dan hapus setelah dicetak.</source>
            <translation>Surat rujukan tersimpan: {0}. Simpan di tempat aman dan hapus setelah dicetak.</translation>
        </message>
        <message>
            <source>Surat rujukan tidak dapat dibuat: {0}</source>
            <translation>Surat rujukan tidak dapat dibuat: {0}</translation>
        </message>
    </context>
    <context>
        <name>ListPage</name>
        <message>
            <source>Daftar tidak bisa dimuat. Coba lagi sebentar lagi.</source>
            <translation>Daftar tidak bisa dimuat. Coba lagi sebentar lagi.</translation>
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
            <translation>Pencatatan Sesi Lautan RT dan kasus PPATBM</translation>
        </message>
        <message>
            <source>Aplikasi dikunci. Masuk lagi untuk melanjutkan; pekerjaan yang terbuka tetap tersimpan.</source>
            <translation>Aplikasi dikunci. Masuk lagi untuk melanjutkan; pekerjaan yang terbuka tetap tersimpan.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Masuk</translation>
        </message>
        <message>
            <source>Tambah pengguna</source>
            <translation>Tambah pengguna</translation>
        </message>
        <message>
            <source>Ganti kata sandi</source>
            <translation>Ganti kata sandi</translation>
        </message>
        <message>
            <source>Lupa kata sandi?</source>
            <translation>Lupa kata sandi?</translation>
        </message>
        <message>
            <source>Ketik kata sandi Anda.</source>
            <translation>Ketik kata sandi Anda.</translation>
        </message>
        <message>
            <source>Kata sandi salah. Periksa huruf besar/kecil, lalu coba lagi.</source>
            <translation>Kata sandi salah. Periksa huruf besar/kecil, lalu coba lagi.</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <source>Pengguna {0} ditambahkan. Silakan masuk.</source>
            <translation>Pengguna {0} ditambahkan. Silakan masuk.</translation>
        </message>
        <message>
            <source>Kata sandi {0} sudah diganti. Silakan masuk dengan kata sandi baru.</source>
            <translation>Kata sandi {0} sudah diganti. Silakan masuk dengan kata sandi baru.</translation>
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
            <translation>&amp;Beranda</translation>
        </message>
        <message>
            <source>&amp;Sesi Lautan RT</source>
            <translation>&amp;Sesi Lautan RT</translation>
        </message>
        <message>
            <source>&amp;Kasus</source>
            <translation>&amp;Kasus</translation>
        </message>
        <message>
            <source>&amp;Laporan</source>
            <translation>&amp;Laporan</translation>
        </message>
        <message>
            <source>&amp;Pengaturan</source>
            <translation>&amp;Pengaturan</translation>
        </message>
        <message>
            <source>Sedang dibuka</source>
            <translation>Sedang dibuka</translation>
        </message>
        <message>
            <source>Sedang diisi</source>
            <translation>Sedang diisi</translation>
        </message>
        <message>
            <source>Kunci (Ctrl+L)</source>
            <translation>Kunci (Ctrl+L)</translation>
        </message>
        <message>
            <source>Kunci aplikasi saat meninggalkan laptop</source>
            <translation>Kunci aplikasi saat meninggalkan laptop</translation>
        </message>
        <message>
            <source>Sesi baru</source>
            <translation>Sesi baru</translation>
        </message>
        <message>
            <source>Ubah sesi</source>
            <translation>Ubah sesi</translation>
        </message>
        <message>
            <source>Kasus baru</source>
            <translation>Kasus baru</translation>
        </message>
        <message>
            <source>Ubah kasus</source>
            <translation>Ubah kasus</translation>
        </message>
        <message>
            <source>Isian</source>
            <translation>Isian</translation>
        </message>
        <message>
            <source>Pengguna: {0}</source>
            <translation>Pengguna: {0}</translation>
        </message>
        <message>
            <source>Terkunci</source>
            <translation>Terkunci</translation>
        </message>
        <message>
            <source>Kelurahan {0} · RT {1}</source>
            <translation>Kelurahan {0} · RT {1}</translation>
        </message>
        <message>
            <source>Perubahan belum terkirim: {0}</source>
            <translation>Perubahan belum terkirim: {0}</translation>
        </message>
        <message>
            <source>Formulir ini belum tersedia.</source>
            <translation>Formulir ini belum tersedia.</translation>
        </message>
        <message>
            <source>Cadangan otomatis gagal: {0}</source>
            <translation>Cadangan otomatis gagal: {0}</translation>
        </message>
    </context>
    <context>
        <name>MaskingMixin</name>
        <message>
            <source>Membuka data rahasia…</source>
            <translation type="unfinished">Membuka data rahasia…</translation>
        </message>
    </context>
    <context>
        <name>NoteItem</name>
        <message>
            <source>{0} · dicatat oleh {1}</source>
            <translation>{0} · dicatat oleh {1}</translation>
        </message>
        <message>
            <source>tindak lanjut berikutnya {0}</source>
            <translation>tindak lanjut berikutnya {0}</translation>
        </message>
    </context>
    <context>
        <name>PagedTableModel</name>
        <message>
            <source>Data ini tidak bisa ditampilkan</source>
            <translation>Data ini tidak bisa ditampilkan</translation>
        </message>
    </context>
    <context>
        <name>PasswordPair</name>
        <message>
            <source>Kata sandi baru (minimal 8 karakter)</source>
            <translation>Kata sandi baru (minimal 8 karakter)</translation>
        </message>
        <message>
            <source>Ulangi kata sandi baru</source>
            <translation>Ulangi kata sandi baru</translation>
        </message>
        <message>
            <source>Kedua kata sandi belum sama.</source>
            <translation>Kedua kata sandi belum sama.</translation>
        </message>
    </context>
    <context>
        <name>PersistenceMixin</name>
        <message>
            <source>Membuka data…</source>
            <translation type="unfinished">Membuka data…</translation>
        </message>
        <message>
            <source>Data ini baru diperbarui dari laptop lain.</source>
            <translation>Data ini baru diperbarui dari laptop lain.</translation>
        </message>
        <message>
            <source>Belum tersimpan: periksa isian yang diberi keterangan merah.</source>
            <translation type="unfinished">Belum tersimpan: periksa isian yang diberi keterangan merah.</translation>
        </message>
        <message>
            <source>Tidak ada perubahan untuk disimpan.</source>
            <translation type="unfinished">Tidak ada perubahan untuk disimpan.</translation>
        </message>
        <message>
            <source>Menyimpan…</source>
            <translation type="unfinished">Menyimpan…</translation>
        </message>
        <message>
            <source>Tersimpan.</source>
            <translation type="unfinished">Tersimpan.</translation>
        </message>
        <message>
            <source>Belum tersimpan: sementara formulir ini terbuka, isian berikut diubah di laptop lain dan sudah terkirim ke laptop ini — {0}. Isian Anda masih di formulir; periksa atau gabungkan, lalu tekan Simpan lagi.</source>
            <translation>Belum tersimpan: sementara formulir ini terbuka, isian berikut diubah di laptop lain dan sudah terkirim ke laptop ini — {0}. Isian Anda masih di formulir; periksa atau gabungkan, lalu tekan Simpan lagi.</translation>
        </message>
        <message>
            <source>Hapus data ini? Data yang dihapus hilang dari daftar, dan penghapusannya ikut dikirim ke kota.</source>
            <translation type="unfinished">Hapus data ini? Data yang dihapus hilang dari daftar, dan penghapusannya ikut dikirim ke kota.</translation>
        </message>
        <message>
            <source>Ya, hapus</source>
            <translation type="unfinished">Ya, hapus</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation type="unfinished">Batal</translation>
        </message>
        <message>
            <source>Menghapus…</source>
            <translation type="unfinished">Menghapus…</translation>
        </message>
        <message>
            <source>Ada isian yang belum disimpan. Tutup tanpa menyimpan?</source>
            <translation type="unfinished">Ada isian yang belum disimpan. Tutup tanpa menyimpan?</translation>
        </message>
        <message>
            <source>Tutup tanpa menyimpan</source>
            <translation type="unfinished">Tutup tanpa menyimpan</translation>
        </message>
        <message>
            <source>Kembali mengisi</source>
            <translation type="unfinished">Kembali mengisi</translation>
        </message>
    </context>
    <context>
        <name>Place</name>
        <message>
            <source>belum terdaftar ke server kota</source>
            <translation type="unfinished">belum terdaftar ke server kota</translation>
        </message>
        <message>
            <source>Koordinator, {0}</source>
            <translation>Koordinator, {0}</translation>
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
            <translation>Wilayah RT Anda</translation>
        </message>
        <message>
            <source>Data di laptop ini dicatat untuk satu RT.</source>
            <translation>Data di laptop ini dicatat untuk satu RT.</translation>
        </message>
        <message>
            <source>Kelurahan</source>
            <translation>Kelurahan</translation>
        </message>
        <message>
            <source>Ketik nama kelurahan, misalnya Sungai Nangka</source>
            <translation>Ketik nama kelurahan, misalnya Sungai Nangka</translation>
        </message>
        <message>
            <source>Nomor RT</source>
            <translation>Nomor RT</translation>
        </message>
        <message>
            <source>Pilih kelurahan dari daftar.</source>
            <translation>Pilih kelurahan dari daftar.</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>&amp;Step up</source>
            <translation>&amp;Naik</translation>
        </message>
        <message>
            <source>Step &amp;down</source>
            <translation>&amp;Turun</translation>
        </message>
        <message>
            <source>&amp;Select All</source>
            <translation>&amp;Pilih semua</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Cari di:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>&amp;Nama berkas:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>&amp;Jenis berkas:</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Simpan</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Buka</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Pilih</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Simpan sebagai</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Buka</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Maju</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Folder induk</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Buat folder baru</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Buat folder baru</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>Tampilan daftar</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Tampilan rinci</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Folder baru</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>Folder &amp;baru</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Ganti nama</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Hapus</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Tampilkan berkas &amp;tersembunyi</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Tempat terakhir</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Folder:</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Semua berkas (*)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Semua berkas (*)</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>%1 sudah ada.
Ganti dengan yang baru?</translation>
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation>Yakin ingin menghapus '%1'?</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Panel samping</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Maju</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Ke folder induk</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Ganti ke tampilan daftar</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Ganti ke tampilan rinci</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>Daftar tempat dan penanda</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Ukuran</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Tanggal diubah</translation>
        </message>
        <message>
            <source>Computer</source>
            <translation>Komputer</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Komputer saya</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <extracomment>language code → its own name (never translated: a reader must recognise their language) the pseudo-locale: Indonesian stretched by 40 % (for layout tests, never offered to users)</extracomment>
            <translation>&amp;Urungkan</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Ulangi</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Potong</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Salin</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Tempel</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Pilih semua</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Tampilkan rincian...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Sembunyikan rincian...</translation>
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
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Buka</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Terapkan</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Atur ulang</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Bantuan</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Buang</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Ya</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Tidak</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Ya untuk &amp;semua</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>T&amp;idak untuk semua</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Batalkan</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Coba lagi</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Abaikan</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Kembalikan bawaan</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Simpan semua</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Urungkan</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Ulangi</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Potong</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Salin</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Tempel</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Pilih semua</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Salin &amp;alamat tautan</translation>
        </message>
    </context>
    <context>
        <name>RecordForm</name>
        <message>
            <source>Terjadi kesalahan tak terduga ({0}); data belum tersimpan.</source>
            <translation>Terjadi kesalahan tak terduga ({0}); data belum tersimpan.</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation>Tampilkan</translation>
        </message>
        <message>
            <source>Tampilkan data rahasia (tercatat di log)</source>
            <translation>Tampilkan data rahasia (tercatat di log)</translation>
        </message>
        <message>
            <source>Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang ({0}) tidak dikirim ke laptop koordinator.</source>
            <translation>Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang ({0}) tidak dikirim ke laptop koordinator.</translation>
        </message>
        <message>
            <source>Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya; setiap kali dibuka tercatat.</source>
            <translation>Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya; setiap kali dibuka tercatat.</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Simpan (Ctrl+S)</source>
            <translation>Simpan (Ctrl+S)</translation>
        </message>
        <message>
            <source>Tutup</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>Tutup (Esc)</source>
            <translation>Tutup (Esc)</translation>
        </message>
        <message>
            <source>Hapus</source>
            <translation>Hapus</translation>
        </message>
    </context>
    <context>
        <name>RecoveryPage</name>
        <message>
            <source>Kode pemulihan</source>
            <translation>Kode pemulihan</translation>
        </message>
        <message>
            <source>Kode ini hanya ditampilkan sekali sekarang.</source>
            <translation>Kode ini hanya ditampilkan sekali sekarang.</translation>
        </message>
        <message>
            <source>Tulis kode di bawah ini di kertas, lalu simpan kertasnya di tempat yang aman, misalnya bersama dokumen penting RT. Jika semua kata sandi terlupa, hanya kode ini yang bisa membuka data lagi.</source>
            <translation>Tulis kode di bawah ini di kertas, lalu simpan kertasnya di tempat yang aman, misalnya bersama dokumen penting RT. Jika semua kata sandi terlupa, hanya kode ini yang bisa membuka data lagi.</translation>
        </message>
        <message>
            <source>Cetak…</source>
            <translation>Cetak…</translation>
        </message>
        <message>
            <source>Simpan ke berkas…</source>
            <translation>Simpan ke berkas…</translation>
        </message>
        <message>
            <source>Jika disimpan ke berkas, pindahkan berkas itu ke flashdisk yang disimpan di tempat aman. Jangan biarkan berkas itu di laptop ini.</source>
            <translation>Jika disimpan ke berkas, pindahkan berkas itu ke flashdisk yang disimpan di tempat aman. Jangan biarkan berkas itu di laptop ini.</translation>
        </message>
        <message>
            <source>Saya sudah menulis kode ini</source>
            <translation>Saya sudah menulis kode ini</translation>
        </message>
        <message>
            <source>Kode pemulihan RT Desktop</source>
            <translation>Kode pemulihan RT Desktop</translation>
        </message>
        <message>
            <source>Kelurahan {0} · RT {1}</source>
            <translation>Kelurahan {0} · RT {1}</translation>
        </message>
        <message>
            <source>Dibuat {0}</source>
            <translation>Dibuat {0}</translation>
        </message>
        <message>
            <source>Simpan kertas ini di tempat yang aman. Siapa pun yang memegang kode ini bisa membuka data RT ini.</source>
            <translation>Simpan kertas ini di tempat yang aman. Siapa pun yang memegang kode ini bisa membuka data RT ini.</translation>
        </message>
        <message>
            <source>Cetak kode pemulihan</source>
            <translation>Cetak kode pemulihan</translation>
        </message>
        <message>
            <source>Kode pemulihan dikirim ke printer.</source>
            <translation>Kode pemulihan dikirim ke printer.</translation>
        </message>
        <message>
            <source>Simpan kode pemulihan</source>
            <translation>Simpan kode pemulihan</translation>
        </message>
        <message>
            <source>Berkas teks (*.txt)</source>
            <translation>Berkas teks (*.txt)</translation>
        </message>
        <message>
            <source>Tersimpan di {0}.</source>
            <translation>Tersimpan di {0}.</translation>
        </message>
        <message>
            <source>Berkas tidak dapat disimpan: {0}</source>
            <translation>Berkas tidak dapat disimpan: {0}</translation>
        </message>
    </context>
    <context>
        <name>RecoveryPanel</name>
        <message>
            <source>Lupa kata sandi?</source>
            <translation>Lupa kata sandi?</translation>
        </message>
        <message>
            <source>Ketik kode pemulihan yang ditulis di kertas saat aplikasi pertama kali dipasang, lalu pilih kata sandi baru.</source>
            <translation>Ketik kode pemulihan yang ditulis di kertas saat aplikasi pertama kali dipasang, lalu pilih kata sandi baru.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Kode pemulihan</source>
            <translation>Kode pemulihan</translation>
        </message>
        <message>
            <source>Ganti kata sandi dan masuk</source>
            <translation>Ganti kata sandi dan masuk</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Ketik kode pemulihan.</source>
            <translation>Ketik kode pemulihan.</translation>
        </message>
    </context>
    <context>
        <name>ReferralEditor</name>
        <message>
            <source>Batalkan rujukan ini</source>
            <translation>Batalkan rujukan ini</translation>
        </message>
    </context>
    <context>
        <name>ReferralSection</name>
        <message>
            <source>Tambah rujukan</source>
            <translation>Tambah rujukan</translation>
        </message>
        <message>
            <source>Belum ada rujukan untuk kasus ini.</source>
            <translation>Belum ada rujukan untuk kasus ini.</translation>
        </message>
    </context>
    <context>
        <name>ReportFilters</name>
        <message>
            <source>Isi laporan</source>
            <translation>Isi laporan</translation>
        </message>
        <message>
            <source>Periode</source>
            <translation type="unfinished">Periode</translation>
        </message>
        <message>
            <source>Bulan</source>
            <translation>Bulan</translation>
        </message>
        <message>
            <source>Triwulan</source>
            <translation>Triwulan</translation>
        </message>
        <message>
            <source>Tahun</source>
            <translation>Tahun</translation>
        </message>
        <message>
            <source>Rentang khusus</source>
            <translation>Rentang khusus</translation>
        </message>
        <message>
            <source>Triwulan {0} ({1}–{2})</source>
            <translation>Triwulan {0} ({1}–{2})</translation>
        </message>
        <message>
            <source>Dari</source>
            <translation>Dari</translation>
        </message>
        <message>
            <source>Sampai</source>
            <translation>Sampai</translation>
        </message>
        <message>
            <source>Kelurahan</source>
            <translation type="unfinished">Kelurahan</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>Semua RT</source>
            <translation>Semua RT</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation type="unfinished">Tampilkan</translation>
        </message>
        <message>
            <source>Laptop relawan melaporkan RT {0} saja.</source>
            <translation>Laptop relawan melaporkan RT {0} saja.</translation>
        </message>
        <message>
            <source>Sebagian RT: hanya sesi dan peserta. Angka kasus hanya untuk seluruh kelurahan.</source>
            <translation>Sebagian RT: hanya sesi dan peserta. Angka kasus hanya untuk seluruh kelurahan.</translation>
        </message>
        <message>
            <source>Rentang khusus: hanya sesi dan peserta. Angka kasus hanya untuk bulan, triwulan atau tahun.</source>
            <translation>Rentang khusus: hanya sesi dan peserta. Angka kasus hanya untuk bulan, triwulan atau tahun.</translation>
        </message>
    </context>
    <context>
        <name>ReportPage</name>
        <message>
            <source>Ekspor Excel (XLSX)</source>
            <translation>Ekspor Excel (XLSX)</translation>
        </message>
        <message>
            <source>Ekspor CSV (ZIP)</source>
            <translation>Ekspor CSV (ZIP)</translation>
        </message>
        <message>
            <source>Ekspor PDF</source>
            <translation>Ekspor PDF</translation>
        </message>
        <message>
            <source>Ada data baru sejak laporan ini disusun. Tekan Tampilkan untuk memperbarui.</source>
            <translation>Ada data baru sejak laporan ini disusun. Tekan Tampilkan untuk memperbarui.</translation>
        </message>
        <message>
            <source>Perangkat ini tidak membuat laporan ringkasan: laporan dibuat di laptop relawan dan koordinator.</source>
            <translation>Perangkat ini tidak membuat laporan ringkasan: laporan dibuat di laptop relawan dan koordinator.</translation>
        </message>
        <message>
            <source>Pilih periode dan RT, lalu tekan Tampilkan. Laporan hanya berisi angka: tidak ada nama atau cerita kasus.</source>
            <translation>Pilih periode dan RT, lalu tekan Tampilkan. Laporan hanya berisi angka: tidak ada nama atau cerita kasus.</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation type="unfinished">Laporan</translation>
        </message>
        <message>
            <source>Pilih sedikitnya satu RT, atau centang “Semua RT”.</source>
            <translation>Pilih sedikitnya satu RT, atau centang “Semua RT”.</translation>
        </message>
        <message>
            <source>Menyusun laporan…</source>
            <translation>Menyusun laporan…</translation>
        </message>
        <message>
            <source>Laporan {0}</source>
            <translation>Laporan {0}</translation>
        </message>
        <message>
            <source>Kelurahan {0} · Kecamatan {1} · {2} · {3}</source>
            <translation>Kelurahan {0} · Kecamatan {1} · {2} · {3}</translation>
        </message>
        <message>
            <source>Data hanya dari laptop ini: belum pernah terhubung ke server kota.</source>
            <translation>Data hanya dari laptop ini: belum pernah terhubung ke server kota.</translation>
        </message>
        <message>
            <source>Data per {0}</source>
            <translation>Data per {0}</translation>
        </message>
        <message>
            <source>Buku kerja Excel (*.xlsx)</source>
            <translation>Buku kerja Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Arsip ZIP berisi CSV (*.zip)</source>
            <translation>Arsip ZIP berisi CSV (*.zip)</translation>
        </message>
        <message>
            <source>Dokumen PDF (*.pdf)</source>
            <translation>Dokumen PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Simpan laporan</source>
            <translation>Simpan laporan</translation>
        </message>
        <message>
            <source>Menyimpan…</source>
            <translation type="unfinished">Menyimpan…</translation>
        </message>
        <message>
            <source>Tersimpan: {0}</source>
            <translation>Tersimpan: {0}</translation>
        </message>
        <message>
            <source>Terjadi kesalahan: {0}</source>
            <translation>Terjadi kesalahan: {0}</translation>
        </message>
    </context>
    <context>
        <name>ReportTableModel</name>
        <message>
            <source>Angka 1 sampai {0} disembunyikan agar anak tidak dapat dikenali.</source>
            <translation>Angka 1 sampai {0} disembunyikan agar anak tidak dapat dikenali.</translation>
        </message>
        <message>
            <source>Disembunyikan agar angka “&lt;{0}” tidak dapat dihitung dari jumlah.</source>
            <translation>Disembunyikan agar angka “&lt;{0}” tidak dapat dihitung dari jumlah.</translation>
        </message>
    </context>
    <context>
        <name>SessionForm</name>
        <message>
            <source>Sesi Lautan RT baru</source>
            <translation>Sesi Lautan RT baru</translation>
        </message>
        <message>
            <source>Sesi Lautan RT {0}</source>
            <translation>Sesi Lautan RT {0}</translation>
        </message>
        <message>
            <source>Tersimpan di laptop ini</source>
            <translation>Tersimpan di laptop ini</translation>
        </message>
        <message>
            <source>Waktu dan tempat</source>
            <translation>Waktu dan tempat</translation>
        </message>
        <message>
            <source>Materi dan narasumber</source>
            <translation>Materi dan narasumber</translation>
        </message>
        <message>
            <source>Peserta yang hadir</source>
            <translation>Peserta yang hadir</translation>
        </message>
        <message>
            <source>Catatan sesi</source>
            <translation>Catatan sesi</translation>
        </message>
        <message>
            <source>Jumlah peserta: {0} orang</source>
            <translation>Jumlah peserta: {0} orang</translation>
        </message>
    </context>
    <context>
        <name>SessionListModel</name>
        <message>
            <source>Jumlah peserta</source>
            <translation>Jumlah peserta</translation>
        </message>
        <message>
            <source>Status kirim</source>
            <translation>Status kirim</translation>
        </message>
    </context>
    <context>
        <name>SessionListPage</name>
        <message>
            <source>Cari tempat, topik, narasumber, catatan…</source>
            <translation>Cari tempat, topik, narasumber, catatan…</translation>
        </message>
        <message>
            <source>Catat sesi baru</source>
            <translation type="unfinished">Catat sesi baru</translation>
        </message>
        <message>
            <source>Catat sesi baru (Ctrl+N)</source>
            <translation>Catat sesi baru (Ctrl+N)</translation>
        </message>
        <message>
            <source>Cari (Ctrl+F)</source>
            <translation>Cari (Ctrl+F)</translation>
        </message>
        <message>
            <source>Semua waktu</source>
            <translation>Semua waktu</translation>
        </message>
        <message>
            <source>Bulan ini</source>
            <translation>Bulan ini</translation>
        </message>
        <message>
            <source>Bulan lalu</source>
            <translation>Bulan lalu</translation>
        </message>
        <message>
            <source>Tahun ini</source>
            <translation>Tahun ini</translation>
        </message>
        <message>
            <source>Pilih tanggal…</source>
            <translation>Pilih tanggal…</translation>
        </message>
        <message>
            <source>Semua topik</source>
            <translation>Semua topik</translation>
        </message>
        <message>
            <source>Periode</source>
            <translation>Periode</translation>
        </message>
        <message>
            <source>Dari tanggal</source>
            <translation>Dari tanggal</translation>
        </message>
        <message>
            <source>Sampai tanggal</source>
            <translation>Sampai tanggal</translation>
        </message>
        <message>
            <source>Tidak ada sesi yang cocok. Ubah pencarian atau saringan.</source>
            <translation>Tidak ada sesi yang cocok. Ubah pencarian atau saringan.</translation>
        </message>
        <message>
            <source>Belum ada sesi. Tekan “Catat sesi baru” untuk mulai.</source>
            <translation>Belum ada sesi. Tekan “Catat sesi baru” untuk mulai.</translation>
        </message>
        <message>
            <source>{0} sesi</source>
            <translation>{0} sesi</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Pengguna {0} ditambahkan.</source>
            <translation>Pengguna {0} ditambahkan.</translation>
        </message>
        <message>
            <source>Kata sandi {0} sudah diganti.</source>
            <translation>Kata sandi {0} sudah diganti.</translation>
        </message>
        <message>
            <source>Pengaturan</source>
            <translation>Pengaturan</translation>
        </message>
        <message>
            <source>Bahasa</source>
            <translation>Bahasa</translation>
        </message>
        <message>
            <source>Bahasa aplikasi</source>
            <translation>Bahasa aplikasi</translation>
        </message>
        <message>
            <source>Kunci otomatis</source>
            <translation>Kunci otomatis</translation>
        </message>
        <message>
            <source>Kunci jika tidak dipakai selama</source>
            <translation>Kunci jika tidak dipakai selama</translation>
        </message>
        <message>
            <source> menit</source>
            <translation> menit</translation>
        </message>
        <message>
            <source>Laptop ini dipakai bersama. Setelah waktu ini tanpa ketikan atau gerakan tetikus, aplikasi dikunci; pekerjaan yang terbuka tetap tersimpan. Kunci sekarang: Ctrl+L.</source>
            <translation>Laptop ini dipakai bersama. Setelah waktu ini tanpa ketikan atau gerakan tetikus, aplikasi dikunci; pekerjaan yang terbuka tetap tersimpan. Kunci sekarang: Ctrl+L.</translation>
        </message>
        <message>
            <source>Pengguna di laptop ini</source>
            <translation>Pengguna di laptop ini</translation>
        </message>
        <message>
            <source>Tambah pengguna</source>
            <translation>Tambah pengguna</translation>
        </message>
        <message>
            <source>Ganti kata sandi</source>
            <translation>Ganti kata sandi</translation>
        </message>
        <message>
            <source>Wilayah</source>
            <translation>Wilayah</translation>
        </message>
        <message>
            <source>Tentang RT Desktop</source>
            <translation>Tentang RT Desktop</translation>
        </message>
        <message>
            <source>RT Desktop versi {0} · folder data: {1}</source>
            <translation>RT Desktop versi {0} · folder data: {1}</translation>
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
            <translation>RT Desktop — persiapan pertama</translation>
        </message>
        <message>
            <source>&lt; Kembali</source>
            <translation>&lt; Kembali</translation>
        </message>
        <message>
            <source>Lanjut &gt;</source>
            <translation>Lanjut &gt;</translation>
        </message>
        <message>
            <source>Simpan dan lanjut &gt;</source>
            <translation>Simpan dan lanjut &gt;</translation>
        </message>
        <message>
            <source>Selesai</source>
            <translation>Selesai</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
    </context>
    <context>
        <name>StoredReferralRow</name>
        <message>
            <source>dirujuk {0}</source>
            <translation>dirujuk {0}</translation>
        </message>
        <message>
            <source>persetujuan: {0}</source>
            <translation>persetujuan: {0}</translation>
        </message>
        <message>
            <source>tanpa persetujuan</source>
            <translation>tanpa persetujuan</translation>
        </message>
        <message>
            <source>Status rujukan</source>
            <translation>Status rujukan</translation>
        </message>
    </context>
    <context>
        <name>SyncState</name>
        <message>
            <source>Belum terkirim</source>
            <translation>Belum terkirim</translation>
        </message>
        <message>
            <source>Terkirim</source>
            <translation>Terkirim</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation>Konflik</translation>
        </message>
        <message>
            <source>Ditolak</source>
            <translation>Ditolak</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusWidget</name>
        <message>
            <source>Sedang mengirim dan menerima…</source>
            <translation>Sedang mengirim dan menerima…</translation>
        </message>
        <message>
            <source>Belum terhubung ke server kota</source>
            <translation>Belum terhubung ke server kota</translation>
        </message>
        <message>
            <source>Terakhir terhubung: {0}</source>
            <translation>Terakhir terhubung: {0}</translation>
        </message>
        <message>
            <source>Belum pernah terhubung ke server</source>
            <translation>Belum pernah terhubung ke server</translation>
        </message>
        <message>
            <source>Perubahan belum terkirim: {0}</source>
            <translation type="unfinished">Perubahan belum terkirim: {0}</translation>
        </message>
        <message>
            <source>Versi baru tersedia: &lt;a href="{0}"&gt;{0}&lt;/a&gt;</source>
            <translation>Versi baru tersedia: &lt;a href="{0}"&gt;{0}&lt;/a&gt;</translation>
        </message>
    </context>
    <context>
        <name>SyncUi</name>
        <message>
            <source>Kirim &amp; terima</source>
            <translation>Kirim &amp; terima</translation>
        </message>
        <message>
            <source>Sinkronkan sekarang</source>
            <translation>Sinkronkan sekarang</translation>
        </message>
        <message>
            <source>Kirim perubahan ke server kota dan terima yang baru (F5)</source>
            <translation>Kirim perubahan ke server kota dan terima yang baru (F5)</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation type="unfinished">Konflik</translation>
        </message>
        <message>
            <source>Belum terkirim</source>
            <translation type="unfinished">Belum terkirim</translation>
        </message>
        <message>
            <source>Rujukan masuk</source>
            <translation>Rujukan masuk</translation>
        </message>
        <message>
            <source>Daftarkan laptop</source>
            <translation>Daftarkan laptop</translation>
        </message>
    </context>
    <context>
        <name>TableBlock</name>
        <message>
            <source>“&lt;{0}”: 1 sampai {1} kasus, disembunyikan agar anak tidak dapat dikenali. “x”: disembunyikan agar angka “&lt;{0}” tidak dapat dihitung dari jumlah.</source>
            <extracomment>Taller tables (a kelurahan with 60 RTs) scroll inside their view.</extracomment>
            <translation>“&lt;{0}”: 1 sampai {1} kasus, disembunyikan agar anak tidak dapat dikenali. “x”: disembunyikan agar angka “&lt;{0}” tidak dapat dihitung dari jumlah.</translation>
        </message>
        <message>
            <source>Tidak ada.</source>
            <translation>Tidak ada.</translation>
        </message>
    </context>
    <context>
        <name>TimeEditor</name>
        <message>
            <source>contoh 19.30</source>
            <translation>contoh 19.30</translation>
        </message>
    </context>
    <context>
        <name>TrendChart</name>
        <message>
            <source>Sesi Lautan RT</source>
            <translation>Sesi Lautan RT</translation>
        </message>
        <message>
            <source>Peserta hadir</source>
            <translation>Peserta hadir</translation>
        </message>
        <message>
            <source>Kasus dilaporkan</source>
            <translation>Kasus dilaporkan</translation>
        </message>
        <message>
            <source>Kotak putus-putus “&lt;3” atau “x”: angka kasus disembunyikan agar anak tidak dapat dikenali.</source>
            <translation>Kotak putus-putus “&lt;3” atau “x”: angka kasus disembunyikan agar anak tidak dapat dikenali.</translation>
        </message>
    </context>
    <context>
        <name>UnsentModel</name>
        <message>
            <source>Data</source>
            <translation>Data</translation>
        </message>
        <message>
            <source>Keadaan</source>
            <translation>Keadaan</translation>
        </message>
        <message>
            <source>Sejak</source>
            <translation>Sejak</translation>
        </message>
        <message>
            <source>Percobaan</source>
            <translation>Percobaan</translation>
        </message>
        <message>
            <source>Alasan dari server</source>
            <translation>Alasan dari server</translation>
        </message>
        <message>
            <source>Dicoba lagi</source>
            <translation>Dicoba lagi</translation>
        </message>
        <message>
            <source>Ditolak server</source>
            <translation>Ditolak server</translation>
        </message>
        <message>
            <source>Menunggu dikirim</source>
            <translation>Menunggu dikirim</translation>
        </message>
    </context>
    <context>
        <name>UnsentPage</name>
        <message>
            <source>Perubahan belum terkirim</source>
            <translation type="unfinished">Perubahan belum terkirim</translation>
        </message>
        <message>
            <source>Perubahan ini aman di laptop ini dan dikirim otomatis saat server terjangkau. Yang ditolak server perlu diperbaiki di datanya.</source>
            <translation>Perubahan ini aman di laptop ini dan dikirim otomatis saat server terjangkau. Yang ditolak server perlu diperbaiki di datanya.</translation>
        </message>
        <message>
            <source>Semua perubahan sudah terkirim.</source>
            <translation>Semua perubahan sudah terkirim.</translation>
        </message>
    </context>
    <context>
        <name>UserPage</name>
        <message>
            <source>Relawan pertama</source>
            <translation>Relawan pertama</translation>
        </message>
        <message>
            <source>Nama Anda dan kata sandi untuk membuka aplikasi.</source>
            <translation>Nama Anda dan kata sandi untuk membuka aplikasi.</translation>
        </message>
        <message>
            <source>Nama Anda</source>
            <translation>Nama Anda</translation>
        </message>
        <message>
            <source>Kata sandi melindungi data anak dan korban di laptop ini. Jangan memberi tahu kata sandi Anda kepada orang lain; relawan lain bisa ditambahkan sebagai pengguna dengan kata sandinya sendiri.</source>
            <translation>Kata sandi melindungi data anak dan korban di laptop ini. Jangan memberi tahu kata sandi Anda kepada orang lain; relawan lain bisa ditambahkan sebagai pengguna dengan kata sandinya sendiri.</translation>
        </message>
        <message>
            <source>Menyiapkan data di laptop ini…</source>
            <translation>Menyiapkan data di laptop ini…</translation>
        </message>
    </context>
    <context>
        <name>page</name>
        <message>
            <source>{0} · {1}</source>
            <translation type="unfinished">{0} · {1}</translation>
        </message>
        <message>
            <source>Pakai nilai ini</source>
            <translation>Pakai nilai ini</translation>
        </message>
        <message>
            <source>Nilai yang dipakai sekarang</source>
            <translation>Nilai yang dipakai sekarang</translation>
        </message>
        <message>
            <source>Nilai yang tertimpa, dari laptop ini</source>
            <translation>Nilai yang tertimpa, dari laptop ini</translation>
        </message>
        <message>
            <source>Nilai yang tertimpa, dari laptop lain</source>
            <translation>Nilai yang tertimpa, dari laptop lain</translation>
        </message>
        <message>
            <source>Tekan “Tampilkan” dulu untuk melihat kedua nilai.</source>
            <translation>Tekan “Tampilkan” dulu untuk melihat kedua nilai.</translation>
        </message>
        <message>
            <source>Tampilkan</source>
            <translation type="unfinished">Tampilkan</translation>
        </message>
        <message>
            <source>Menampilkan isian rahasia; tercatat di log akses</source>
            <translation>Menampilkan isian rahasia; tercatat di log akses</translation>
        </message>
    </context>
</TS>
