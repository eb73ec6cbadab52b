"""The Word report: reopened with python-docx, its tables equal the model and the official annex cell for
cell, its text states the tables' numbers, it is typeset after GB/T 9704, and LibreOffice renders it."""

import io
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.errors import OutputError, UnreadableFile
from workbook.layout import LAYOUT, SECTION_TITLES, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, TEXT_SECTIONS
from workbook.model import Report
from workbook.placeholders import PLACEHOLDERS
from workbook.write import write_report
from xladdin.cli import main
from xladdin.samples import wenxian_2024
from xladdin.report.prose import generate
from xladdin.report.word import build_document, write_word
from sample_reports import corrected_sample

FIXTURES = Path(__file__).parent / "fixtures"
ANNEX = FIXTURES / "reference" / "annual_report_format_template.docx"
PUBLISHED = FIXTURES / "samples" / "wenxian_zhengfuban_2024.txt"
TEXT_WIDTH_TWIPS = round(156 / 25.4 * 1440)


def reopen(report: Report, **kwargs) -> docx.document.Document:
    """The document as saved and opened again: what a reader of the file gets."""
    buf = io.BytesIO()
    build_document(report, **kwargs).save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def norm(text: str) -> str:
    return re.sub(r"\s", "", text)


def shape(table) -> list[list[tuple[str, int, str | None]]]:
    """Per row, per cell element: (text without whitespace, gridSpan, vMerge) — the table's merge structure."""
    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
            row.append(
                (
                    norm(_Cell(tc, table).text),
                    int(span.get(qn("w:val"))) if span is not None else 1,
                    (vmerge.get(qn("w:val")) or "continue") if vmerge is not None else None,
                )
            )
        rows.append(row)
    return rows


def fmt(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


@pytest.fixture(scope="module")
def sample():
    report = wenxian_2024()
    return report, reopen(report)


# ---------------------------------------------------------------- tables
def test_tables_have_the_annex_shape_labels_and_merges(sample):
    _, doc = sample
    annex = docx.Document(str(ANNEX))
    assert len(doc.tables) == 3
    for ours, official in zip(doc.tables, annex.tables):
        a, b = shape(ours), shape(official)
        assert len(a) == len(b)
        for row_a, row_b in zip(a, b):
            assert [(s, v) for _, s, v in row_a] == [(s, v) for _, s, v in row_b]
            for (text_a, *_), (text_b, *_) in zip(row_a, row_b):
                if text_b:  # a label of the annex; its empty cells are our numbers
                    assert text_a == text_b


def _published_tables() -> tuple[dict, list[list[str]], list[str]]:
    """Table 二 rows, table 三 rows and the table 四 row as printed in the published 温县 report."""
    lines = PUBLISHED.read_text(encoding="utf-8").splitlines()
    t2, t3, t4 = {}, [], []
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        numbers = [c for c in cells if re.fullmatch(r"\d+(\.\d+)?", c)]
        if cells[0] in ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"):
            t2[cells[0]] = numbers
        elif len(numbers) == 7:
            t3.append(numbers)
        elif len(numbers) == 15:
            t4 = numbers
    return t2, t3, t4


def test_tables_equal_the_published_wenxian_tables_cell_for_cell(sample):
    _, doc = sample
    t2, t3, t4 = _published_tables()
    assert len(t2) == 6 and len(t3) == len(T3_ROWS) and len(t4) == 15
    ours2 = {}
    for tr in doc.tables[0]._tbl.tr_lst:  # one entry per cell element: a merged value cell counts once
        cells = [_Cell(tc, doc.tables[0]).text for tc in tr.tc_lst]
        ours2.setdefault(cells[0], cells[1:])
    for label, numbers in t2.items():
        assert ours2[label] == numbers, label
    table3 = doc.tables[1]
    for i, numbers in enumerate(t3):
        assert [table3.cell(3 + i, 3 + j).text for j in range(7)] == numbers, T3_ROWS[i].key
    assert [doc.tables[2].cell(3, j).text for j in range(15)] == t4


def _cell_text_by_key(doc) -> dict[str, str]:
    """Read each numeric cell back by its row label (table 二, 三) or position (table 四)."""
    out = {}
    labels2 = {}
    for block_row in doc.tables[0].rows:
        cells = block_row.cells
        labels2[norm(cells[0].text)] = cells
    from workbook.layout import T2_BLOCKS

    for block in T2_BLOCKS:
        for row in block.rows:
            cells = labels2[row.labels[0]]
            for i, col in enumerate(block.headers):
                out[f"t2.{row.key}.{col.key}"] = cells[1 + i].text
    t3 = doc.tables[1]
    for i, row in enumerate(T3_ROWS):
        assert norm(t3.cell(3 + i, 2).text) == norm(row.labels[-1])
        for j, col in enumerate(T3_COLUMNS):
            assert norm(t3.cell(2, 3 + j).text) == col.label or j in (0, 6)
            out[f"t3.{row.key}.{col.key}"] = t3.cell(3 + i, 3 + j).text
    t4 = doc.tables[2]
    for g, (group, *_) in enumerate(T4_GROUPS):
        for j, col in enumerate(T4_COLUMNS):
            assert norm(t4.cell(2, g * 5 + j).text) == col.label
            out[f"t4.{group}.{col.key}"] = t4.cell(3, g * 5 + j).text
    return out


def test_every_table_cell_equals_the_model(sample):
    report, doc = sample
    cells = _cell_text_by_key(doc)
    assert set(cells) == {f.key for f in LAYOUT.numeric}
    for key, text in cells.items():
        assert text == fmt(report.get(key).value), key


@settings(max_examples=8, deadline=None)
@given(st.fixed_dictionaries({f.key: st.one_of(st.none(), st.integers(0, 99999)) for f in LAYOUT.inputs if f.kind == "count"}),
       st.sampled_from([None, 0, 1.25, 30.5]))
def test_any_report_prints_each_value_as_the_model_has_it(numbers, amount):
    report = Report.from_numbers({k: v for k, v in numbers.items() if v is not None}, {"info.org": "某机关", "info.year": "2024"})
    if amount is not None:
        report.set("t2.sf.je", amount)
    cells = _cell_text_by_key(reopen(report))
    for key, text in cells.items():
        assert text == fmt(report.get(key).value), key  # blank cells stay empty, 万元 as typed


# ---------------------------------------------------------------- text
def test_headings_in_official_order_and_title(sample):
    _, doc = sample
    paras = doc.paragraphs
    assert paras[0].text == "温县人民政府办公室\n2024年政府信息公开工作年度报告"
    h1 = [p.text for p in paras if p.style.name == "Heading 1"]
    assert h1 == list(SECTION_TITLES.values())
    h2 = [p.text for p in paras if p.style.name == "Heading 2"]
    assert h2 == [s.heading for s in TEXT_SECTIONS if s.key.startswith("s1_")]


def test_text_states_the_numbers_of_the_tables(sample):
    report, doc = sample
    narrative = generate(report)
    texts = [p.text for p in doc.paragraphs]
    for s in ("s2", "s3", "s4"):
        for para in narrative.generated[s]:
            assert para in texts
    allowed = {v.number for v in report.values.values()} | {report.sum_of(k) for k in PLACEHOLDERS.values()}
    # every number in the paragraphs of 二、三、四 (the generated ones) is a table cell or a named sum
    start = texts.index(SECTION_TITLES["s2"])
    end = texts.index(SECTION_TITLES["s5"])
    stated = re.findall(r"(\d+(?:\.\d+)?)(件|万元)", "".join(texts[start:end]))
    assert stated
    for number, _ in stated:
        assert float(number) in allowed, number
    assert f"新收政府信息公开申请{report['t3.new.zj']}件" in "".join(texts)


def test_agency_text_kept_and_placeholders_resolved():
    report = wenxian_2024()
    report.texts["text.s1_2"] = "本年度共收到政府信息公开申请{本年新收申请数}件，被申请行政复议{行政复议总计}件。"
    doc = reopen(report)
    texts = [p.text for p in doc.paragraphs]
    assert "本年度共收到政府信息公开申请33件，被申请行政复议2件。" in texts
    assert wenxian_2024().text("text.s5").splitlines()[0] in texts
    assert not any("{" in t for t in texts)


# ---------------------------------------------------------------- GB/T 9704
def _rfonts(element) -> dict:
    rpr = element.find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return {} if rfonts is None else {k.split("}")[1]: v for k, v in rfonts.attrib.items()}


def test_page_setup_is_gbt9704(sample):
    _, doc = sample
    s = doc.sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731 - stored in twips: compare to 0.1 mm
    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert tuple(map(mm, (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin))) == (37, 35, 28, 26)


def test_fonts_sizes_and_line_spacing(sample):
    _, doc = sample
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert _rfonts(normal.element)["eastAsia"] == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert str(normal.paragraph_format.line_spacing_rule).startswith("EXACTLY")
    title = doc.styles["Title"]
    assert title.font.size == Pt(22) and _rfonts(title.element)["eastAsia"] == "方正小标宋简体"
    assert _rfonts(doc.styles["Heading 1"].element)["eastAsia"] == "黑体"
    assert _rfonts(doc.styles["Heading 2"].element)["eastAsia"] == "楷体_GB2312"
    assert not doc.styles["Heading 1"].font.bold and doc.styles["Heading 1"].font.color.rgb is None
    # runs carry the East-Asian font too (WPS and old Word ignore style-only fonts in some set-ups)
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and p.runs]
    assert body and all(_rfonts(r._r)["eastAsia"] == "仿宋_GB2312" for p in body for r in p.runs)
    # the font table names a fallback for each 公文 font
    font_table = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml").blob.decode()
    assert re.search(r'w:name="方正小标宋简体"><w:altName w:val="宋体"', font_table)


def test_footer_page_number_and_no_draft_mark(sample):
    _, doc = sample
    footer = doc.sections[0].footer
    xml = footer._element.xml
    assert "— " in footer.paragraphs[0].text and footer.paragraphs[0].text.endswith(" —")
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert all(r.font.size == Pt(14) for r in footer.paragraphs[0].runs)
    assert "草稿" not in "".join(p.text for p in doc.sections[0].header.paragraphs)


def test_tables_fit_the_text_block_and_repeat_header_rows(sample):
    _, doc = sample
    for i, table in enumerate(doc.tables):
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(widths) <= TEXT_WIDTH_TWIPS
        header_rows = [bool(tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None) for tr in table._tbl.tr_lst]
        if i:  # 三 and 四: their 3 header rows repeat on every page
            assert header_rows[:4] == [True, True, True, False]
        size = table.cell(3, 3).paragraphs[0].style.font.size
        assert size < Pt(16)


def test_draft_has_the_header_mark():
    doc = reopen(wenxian_2024(), draft=True)
    assert [p.text for p in doc.sections[0].header.paragraphs if p.text] == ["草稿"]
    assert doc.core_properties.category == "草稿"


def test_reference_doc_styles_are_used(tmp_path):
    ref = docx.Document()
    ref.styles["Normal"].font.size = Pt(12)
    ref.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "微软雅黑")
    ref.add_paragraph("本机关样式，正文将被替换")
    path = tmp_path / "本机关样式.docx"
    ref.save(str(path))
    doc = reopen(wenxian_2024(), reference_doc=path)
    assert doc.styles["Normal"].font.size == Pt(12)
    assert _rfonts(doc.styles["Normal"].element)["eastAsia"] == "微软雅黑"
    assert "本机关样式，正文将被替换" not in [p.text for p in doc.paragraphs]
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and p.runs]
    assert body and all("eastAsia" not in _rfonts(r._r) for p in body for r in p.runs)  # no direct fonts over theirs
    assert "Table Text" in [s.name for s in doc.styles]  # our missing style was added
    assert round(doc.sections[0].left_margin.mm, 1) == 28


def test_reference_doc_that_is_no_docx_is_a_chinese_error(tmp_path):
    bad = tmp_path / "样式.docx"
    bad.write_text("不是 Word 文件", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="样式参考文件"):
        build_document(wenxian_2024(), reference_doc=bad)


def test_write_word_is_atomic(tmp_path):
    out = write_word(wenxian_2024(), tmp_path / "报告.docx")
    assert docx.Document(str(out)).tables
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]
    (tmp_path / "占位").write_text("x")
    with pytest.raises(OutputError):
        write_word(wenxian_2024(), tmp_path / "占位" / "报告.docx")


# ---------------------------------------------------------------- nianbao word
@pytest.fixture()
def workbook(tmp_path):
    path = tmp_path / "温县2024.xlsx"
    write_report(corrected_sample(), path)
    return path


def _broken(tmp_path) -> Path:
    report = corrected_sample()
    report.set("t3.r1.zr", 7)  # 予以公开 7 while the totals still say 2: an arithmetic error
    path = tmp_path / "有错误.xlsx"
    write_report(report, path)
    return path


def test_cli_word_writes_the_report(workbook, capsys):
    assert main(["word", str(workbook)]) == 0
    out = workbook.with_suffix(".docx")
    assert "已生成 Word 报告" in capsys.readouterr().out
    assert len(docx.Document(str(out)).tables) == 3


def test_cli_word_refuses_on_errors_and_force_marks_a_draft(tmp_path, capsys):
    from checks import check_report

    path = _broken(tmp_path)
    from workbook.read import read_workbook

    errors = [f for f in check_report(read_workbook(path)) if f.is_error]
    assert errors  # the checks see the arithmetic error
    out = tmp_path / "报告.docx"
    assert main(["word", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "未生成 Word 报告" in err and errors[0].message in err
    assert not out.exists()
    assert main(["word", str(path), "-o", str(out), "--force"]) == 0
    assert "草稿" in capsys.readouterr().out
    header = docx.Document(str(out)).sections[0].header
    assert "草稿" in "".join(p.text for p in header.paragraphs)


def test_cli_word_never_overwrites_its_input(workbook, tmp_path, capsys):
    before = workbook.read_bytes()
    assert main(["word", str(workbook), "-o", str(workbook)]) == 2
    assert workbook.read_bytes() == before
    published = tmp_path / "已发布.docx"
    published.write_bytes((FIXTURES / "import" / "report_2023.docx").read_bytes())
    before = published.read_bytes()
    capsys.readouterr()
    assert main(["word", str(published), "-o", str(published)]) == 2
    assert "不能覆盖" in capsys.readouterr().err and published.read_bytes() == before


# ---------------------------------------------------------------- LibreOffice
CJK = re.compile(r"[\u3400-\u9fff]")
CJK_FONT = re.compile(r"CJK|Song|Hei|Kai|Fang|Ming|WenQuanYi|Droid|AR ?PL|SourceHan|SimSun|FZ", re.I)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed: see .ci/run"
    tmp = tmp_path_factory.mktemp("word_pdf")
    source = write_word(wenxian_2024(), tmp / "温县2024.docx")
    profile = tmp_path_factory.mktemp("lo") / f"profile-{uuid.uuid4().hex}"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp / "温县2024.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    return pdf


@pytest.mark.libreoffice
def test_libreoffice_renders_the_six_headings_in_order(rendered):
    text = norm(subprocess.run(["pdftotext", str(rendered), "-"], capture_output=True, text=True, check=True).stdout)
    positions = [text.find(norm(t)) for t in SECTION_TITLES.values()]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert text.startswith("温县人民政府办公室2024年政府信息公开工作年度报告")
    assert "—1—" in text and "—2—" in text


@pytest.mark.libreoffice
def test_libreoffice_uses_a_cjk_font_for_every_chinese_character(rendered):
    import pdfplumber

    fonts = subprocess.run(["pdffonts", str(rendered)], capture_output=True, text=True, check=True).stdout
    assert CJK_FONT.search(fonts), fonts
    with pdfplumber.open(str(rendered)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if CJK.match(c["text"])]
        assert len(chars) > 1000
        wrong = {c["fontname"] for c in chars if not CJK_FONT.search(c["fontname"])}
        assert not wrong, wrong


@pytest.mark.libreoffice
def test_libreoffice_tables_fit_the_page_width(rendered):
    import pdfplumber

    left, right = Mm(28).pt, Mm(210 - 26).pt
    with pdfplumber.open(str(rendered)) as pdf:
        pages_with_tables = 0
        for page in pdf.pages:
            if not page.edges:
                continue
            pages_with_tables += 1
            assert min(e["x0"] for e in page.edges) >= left - 1
            assert max(e["x1"] for e in page.edges) <= right + 1
        assert pages_with_tables >= 2


def test_cli_word_refuses_an_output_that_is_not_docx(workbook, tmp_path, capsys):
    target = tmp_path / "z.xlsx"
    assert main(["word", str(workbook), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "“z.xlsx”" in err and ".docx" in err
    assert not target.exists()


def test_cli_word_cuts_long_cell_lists(tmp_path, capsys):
    """A finding naming every cell of table 三 (175) is listed with a few cells and the count, as check lists it."""
    from checks.formats import CELLS_SHOWN

    path = tmp_path / "无表格.txt"
    path.write_text("某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n", encoding="utf-8")
    t3 = [f.ref for f in LAYOUT.numeric if f.key.startswith("t3.")]
    assert main(["word", str(path), "-o", str(tmp_path / "x.docx"), "--force"]) == 0
    err = capsys.readouterr().err
    line = next(ln for ln in err.splitlines() if t3[0] in ln)
    assert f"等 {len(t3)} 个单元格" in line
    assert t3[CELLS_SHOWN - 1] in line and t3[CELLS_SHOWN] not in err and t3[-1] not in err
