; Vanthu — NSIS additions (electron-builder.yml: nsis.include).
;
; "Mở bằng Vanthu" for .doc, .docx and .pdf, per user (HKCU, SHELL_CONTEXT = current user because
; nsis.perMachine is false), WITHOUT taking over the default program. electron-builder's own
; fileAssociations would write HKCU\Software\Classes\.docx (default) = our ProgID, i.e. make
; Vanthu the default opener for Word and PDF files on the clerk's PC; we only add ourselves to
; OpenWithProgids and to Applications\<exe>\SupportedTypes. The uninstaller removes exactly this.
; This file is UTF-8 with a BOM so NSIS (Unicode) reads the Vietnamese text.

!define VANTHU_PROGID "Vanthu.Document"

!macro vanthuOpenWith EXT
  WriteRegNone SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "${VANTHU_PROGID}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\SupportedTypes" ".${EXT}" ""
!macroend

!macro vanthuNoOpenWith EXT
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "${VANTHU_PROGID}"
!macroend

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${VANTHU_PROGID}" "" "Văn bản chỉ đạo (Vanthu)"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${VANTHU_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${VANTHU_PROGID}\shell\open" "" "Mở bằng Vanthu"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${VANTHU_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}" "FriendlyAppName" "Vanthu"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  !insertmacro vanthuOpenWith "doc"
  !insertmacro vanthuOpenWith "docx"
  !insertmacro vanthuOpenWith "pdf"
  ; SHCNE_ASSOCCHANGED: let Explorer pick up the new "Open with" entries without a logoff.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  !insertmacro vanthuNoOpenWith "doc"
  !insertmacro vanthuNoOpenWith "docx"
  !insertmacro vanthuNoOpenWith "pdf"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${VANTHU_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
