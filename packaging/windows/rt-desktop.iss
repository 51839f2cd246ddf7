; Inno Setup 6 script for RT Desktop on Windows 10/11 (x64).
;
; Per-user install, no administrator rights (PrivilegesRequired=lowest): the program goes to
; %LOCALAPPDATA%\Programs\RT Desktop, a Start-menu entry (and, if ticked, a desktop shortcut) for
; this Windows user. The uninstaller removes the program only: the volunteer's data folder
; %LOCALAPPDATA%\rt-desktop (database, key file, backups) is never touched, so removing and
; installing again, or upgrading, keeps every record.
;
; Built by .github/workflows/windows-installer.yml after PyInstaller has made the bundle:
;
;   iscc /DAppVersion=0.1.0 /DBundleDir=C:\...\dist\bundle\rt-desktop /DOutputDir=C:\...\dist
;        packaging\windows\rt-desktop.iss
;
; Signing (optional): add /DSign and /Srtsign="signtool.exe sign /f cert.pfx /p PASSWORD
; /fd sha256 /tr http://timestamp.digicert.com /td sha256 $f" — Inno Setup then signs the
; setup program and the uninstaller with it (see docs/install.md).
;
; Language: English messages, because Inno Setup ships no Indonesian translation. Put the
; third-party Indonesian.isl (https://jrsoftware.org/files/istrans/) next to this file and the
; installer speaks Bahasa Indonesia as well (chosen from Windows' language).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\..\dist\bundle\rt-desktop"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#define AppName "RT Desktop"
#define AppExe "rt-desktop.exe"

[Setup]
; Never change AppId: Windows finds the installed copy (upgrade, uninstall) by it.
AppId={{BD7ED90D-C9EC-48C8-8502-A52574751065}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PPATBM Kota Balikpapan
AppComments=Pencatatan Sesi Lautan RT dan kasus PPATBM, terenkripsi di laptop
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or newer.
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=rt-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\rt-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open RT Desktop is asked to close (Restart Manager) before files are replaced.
CloseApplications=yes
RestartApplications=no
#ifdef Sign
SignTool=rtsign
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(SourcePath) + "Indonesian.isl")
Name: "id"; MessagesFile: "Indonesian.isl"
#endif

[CustomMessages]
en.DataKept=Your RT Desktop data was kept in:%n%1%n%nInstall RT Desktop again to use it; delete that folder only if you are sure no record in it is still needed.
#if FileExists(AddBackslash(SourcePath) + "Indonesian.isl")
id.DataKept=Data RT Desktop Anda tetap tersimpan di:%n%1%n%nPasang RT Desktop lagi untuk memakainya; hapus folder itu hanya jika Anda yakin tidak ada catatan di dalamnya yang masih diperlukan.
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole program folder: no module of an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:LaunchProgram,{#AppName}}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave in its own folder; never {localappdata}\rt-desktop.
Type: dirifempty; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\rt-desktop');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
