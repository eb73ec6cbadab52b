Attribute VB_Name = "Nianbao"
' nianbao: the three buttons on the sheet "Jiben Xinxi" (basic information) call these macros.
' Each one runs the Python entry point in xladdin.excel through xlwings' RunPython, which finds
' this workbook again with xw.Book.caller(). All work, messages and checks live in Python.
' Source text is ASCII on purpose: Excel decodes VBA source with the system code page.
Option Explicit

' RunPython starts "python -c", which puts Excel's current folder first on sys.path: a
' workbook.py or checks\ folder lying there would be imported instead of the installed
' package. Drop that folder before importing. Kept free of double quotes, |, %, $, ` and
' backslashes: the text is passed through cmd.exe (Windows) and a shell string (macOS).
Private Const WITHOUT_CURRENT_FOLDER As String = "import sys, os; " & _
    "sys.path[:] = [p for p in sys.path if os.path.normcase(os.path.abspath(p)) != os.path.normcase(os.getcwd())]; "

Sub Validate()
    RunPython WITHOUT_CURRENT_FOLDER & "import xladdin.excel as nianbao; nianbao.validate_caller()"
End Sub

Sub GenerateText()
    RunPython WITHOUT_CURRENT_FOLDER & "import xladdin.excel as nianbao; nianbao.generate_text_caller()"
End Sub

Sub ExportWord()
    RunPython WITHOUT_CURRENT_FOLDER & "import xladdin.excel as nianbao; nianbao.export_word_caller()"
End Sub
