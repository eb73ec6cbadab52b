Attribute VB_Name = "Nianbao"
' nianbao: the three buttons on the sheet "Jiben Xinxi" (basic information) call these macros.
' Each one runs the Python entry point in xladdin.excel through xlwings' RunPython, which finds
' this workbook again with xw.Book.caller(). All work, messages and checks live in Python.
' Source text is ASCII on purpose: the VBA project is stored in code page 1252.
Option Explicit

Sub Validate()
    RunPython "import xladdin.excel as nianbao; nianbao.validate_caller()"
End Sub

Sub GenerateText()
    RunPython "import xladdin.excel as nianbao; nianbao.generate_text_caller()"
End Sub

Sub ExportWord()
    RunPython "import xladdin.excel as nianbao; nianbao.export_word_caller()"
End Sub
