"""The narrative: sentences restating the tables are generated from the numbers, zeros read naturally,
同比 phrases need last year's report, placeholders in the agency's paragraphs resolve from the tables."""

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.layout import LAYOUT, T3_CATEGORIES, T3_ROWS
from workbook.model import Report
from workbook.placeholders import PLACEHOLDERS
from workbook.write import write_report
from xladdin.cli import main
from xladdin.samples import wenxian_2024
from checks import check_report
from checks.sections import resolve_placeholders
from xladdin.report.prose import GENERATED, generate
from sample_reports import corrected_sample

ZERO_LIST = re.compile(r"(?<![\d.])0(?:\.0+)?(?:件|万元|元)")
NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%|件|万元|元|年)")


def short(label: str) -> str:
    s = re.sub(r"^\d+\.", "", label)
    return "其他情形" if s == "其他" else s


def allowed_numbers(report: Report) -> set:
    """Every number the narrative may state: a table cell, or a sum the 填报说明 names as a placeholder."""
    values = {v.number for v in report.values.values()}
    values |= {report.sum_of(keys) for keys in PLACEHOLDERS.values()}
    return values


def shares(report: Report) -> set[float]:
    total = report["t3.r7.zj"]
    return {round(report.sum_of([f"t3.{r}.zj" for r in rows]) * 100 / total, 2) for _, _, rows in T3_CATEGORIES} if total else set()


def assert_numbers_from_tables(text: str, report: Report) -> None:
    ok, pct = allowed_numbers(report), shares(report)
    for m in NUMBER.finditer(text):
        value, unit = float(m.group(1)), m.group(2)
        if unit == "年":
            assert value == report.year, m.group(0)
        elif unit == "%":
            assert value in pct, f"{m.group(0)} is no category's share of the total in: {text}"
        else:
            assert value in ok, f"{m.group(0)} is no table cell in: {text}"


def assert_states_tables(text: str, r: Report) -> None:
    """Each non-zero category and sub-row is stated with its own number; zero ones are not listed."""
    assert not ZERO_LIST.search(text), text
    new = r["t3.new.zj"]
    if new:
        assert f"新收政府信息公开申请{new}件" in text
    total = r["t3.r7.zj"]
    for _, name, rows in T3_CATEGORIES:
        n = r.sum_of([f"t3.{k}.zj" for k in rows])
        if n:
            assert f"{name}{n}件，占" in text, (name, n, text)
            if len(rows) > 1:
                for row in T3_ROWS:
                    if row.key in rows and r[f"t3.{row.key}.zj"]:
                        k = r[f"t3.{row.key}.zj"]
                        assert f"{short(row.labels[-1])}{k}件" in text or (k == n and f"均为{short(row.labels[-1])}" in text)
        elif total:  # zero categories beside non-zero ones are named once, as "无……情形"
            assert re.search(rf"无[^。]*{name}[^。]*情形", text), (name, text)
    if total and r["t3.next.zj"]:
        assert f"结转下年度继续办理{r['t3.next.zj']}件" in text


# ---------------------------------------------------------------- the 温县 2024 sample
@pytest.fixture(scope="module")
def wenxian():
    report = wenxian_2024()
    return report, generate(report)


def test_sample_sentences_restate_the_tables(wenxian):
    report, n = wenxian
    assert "新收政府信息公开申请33件，均为自然人申请；无上年结转申请。" in n["s3"]
    assert "予以公开2件，占6.06%" in n["s3"]
    assert "无法提供28件，占84.85%，其中本机关不掌握相关政府信息26件、没有现成信息需要另行制作2件" in n["s3"]
    assert "不予处理3件，占9.09%，其中信访举报投诉类申请2件、重复申请1件" in n["s3"]
    assert "制发行政规范性文件5件，无废止，现行有效32件" in n["s2"]
    assert "未作出行政许可、行政处罚、行政强制决定" in n["s2"]
    assert "被申请行政复议2件，均为结果维持；未被提起行政诉讼" in n["s4"]
    for s in GENERATED:
        assert_numbers_from_tables(n[s], report)
    assert_states_tables(n["s3"], report)


def test_sample_every_number_is_a_table_cell(wenxian):
    report, n = wenxian
    text = "".join(n[s] for s in GENERATED)
    stated = [m.group(0) for m in NUMBER.finditer(text)]
    assert "33件" in stated and "32件" in stated and "2件" in stated
    assert_numbers_from_tables(text, report)


def test_sample_fee_is_stated_by_the_agency(wenxian):
    report, n = wenxian
    assert n.fee_stated
    assert n.body("s6") == n.own["s6"]  # 六 keeps the agency's text; no second fee sentence
    assert not [f for f in check_report(report) if f.rule == "TEXT.FEE"]


def test_body_combines_own_and_generated_text(wenxian):
    report, n = wenxian
    assert n.body("s1_2") == n.own["s1_2"]  # the agency wrote 一（二）: its text only
    assert n.body("s3") == n.generated["s3"]  # no own text for 三: the generated sentences
    report2 = wenxian_2024()
    report2.texts["text.s3"] = "本机关依法办理政府信息公开申请。"
    report2.texts["text.s1_2"] = ""
    n2 = generate(report2)
    assert n2.body("s3") == n2.generated["s3"] + ["本机关依法办理政府信息公开申请。"]
    assert n2.body("s1_2") == n2.generated["s1_2"]  # nothing written: the generated summary


def test_generated_cells_for_the_sheet(wenxian):
    _, n = wenxian
    texts = n.as_texts()
    assert set(texts) == {f"gen.{s}" for s in GENERATED}
    assert all(k in LAYOUT.fields for k in texts)
    assert texts["gen.s3"] == n["s3"]


# ---------------------------------------------------------------- zeros
def test_all_zero_report_reads_naturally():
    r = Report.from_numbers({}, {"info.org": "某县统计局", "info.year": "2023"})
    n = generate(r)
    text = "".join(n[s] for s in GENERATED)
    assert not ZERO_LIST.search(text), text
    assert n["s3"] == "2023年，某县统计局未收到政府信息公开申请，亦无上年结转的申请。"
    assert n["s4"] == "2023年，某县统计局未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    assert "未制发、废止规章，无现行有效规章" in n["s2"]
    assert "未收取行政事业性收费" in n["s2"]


def test_nonzero_litigation_and_applicants():
    numbers = {"t3.new.zr": 10, "t3.new.sy": 3, "t3.new.fl": 2, "t3.r1.zr": 15, "t4.zs.wc": 2, "t4.zs.wj": 1, "t4.fh.jz": 4, "t4.fy.wj": 1}
    r = Report.from_numbers(numbers, {"info.org": "某市自然资源局", "info.year": "2024"})
    n = generate(r)
    assert "其中自然人申请10件，法人或其他组织申请5件（商业企业3件、法律服务机构2件）" in n["s3"]
    assert "被申请行政复议1件，均尚未审结" in n["s4"]
    assert "被提起行政诉讼7件，其中未经复议直接起诉3件（结果维持2件、尚未审结1件），复议后起诉4件（均为结果纠正）" in n["s4"]
    assert_numbers_from_tables(n["s4"], r)


def test_amount_in_wan_yuan_as_typed():
    r = Report.from_numbers({"t2.sf.je": 1.25}, {"info.year": "2024"})
    assert "行政事业性收费金额1.25万元" in generate(r)["s2"]


# ---------------------------------------------------------------- 同比
def _with_new(n: int) -> Report:
    return Report.from_numbers({"t3.new.zr": n, "t3.r1.zr": n, "t2.cf.sl": n}, {"info.year": "2024"})


@pytest.mark.parametrize(
    ("now", "before", "phrase"),
    [
        (33, 25, "新收政府信息公开申请33件（较上年增加8件、增长32%）"),
        (33, 40, "新收政府信息公开申请33件（较上年减少7件、下降17.5%）"),
        (33, 33, "新收政府信息公开申请33件（与上年持平）"),
        (33, 0, "新收政府信息公开申请33件（较上年增加33件）"),
        (0, 12, "未收到政府信息公开申请（较上年减少12件、下降100%）"),
    ],
)
def test_year_on_year_phrases(now, before, phrase):
    n = generate(_with_new(now), previous=_with_new(before))
    assert phrase in n["s3"]
    assert "较上年" not in generate(_with_new(now))["s3"] and "持平" not in generate(_with_new(now))["s3"]


def test_year_on_year_for_decisions_and_review():
    last = Report.from_numbers({"t2.cf.sl": 10, "t2.qz.sl": 3, "t4.fy.wc": 2}, {})
    now = Report.from_numbers({"t2.cf.sl": 12, "t4.fy.wc": 1, "t4.fy.jz": 2}, {})
    n = generate(now, last)
    assert "作出行政处罚决定12件（较上年增加2件、增长20%）" in n["s2"]
    assert "未作出行政强制决定（较上年减少3件、下降100%）" in n["s2"]
    assert "被申请行政复议3件（较上年增加1件、增长50%）" in n["s4"]


# ---------------------------------------------------------------- property: any report
_count = st.one_of(st.just(0), st.just(0), st.integers(1, 900))


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({f.key: _count for f in LAYOUT.inputs if f.kind == "count"}), st.sampled_from([0, 0.5, 3, 12.75]))
def test_any_report_states_its_own_numbers(numbers, amount):
    r = Report.from_numbers({**numbers, "t2.sf.je": amount}, {"info.org": "某机关", "info.year": "2022"})
    n = generate(r)
    for s in GENERATED:
        assert_numbers_from_tables(n[s], r)
        assert not ZERO_LIST.search(n[s]), n[s]
    assert_states_tables(n["s3"], r)


# ---------------------------------------------------------------- placeholders
def test_placeholders_resolve_from_the_tables(wenxian):
    report, _ = wenxian
    text, findings = resolve_placeholders("共收到申请{本年新收申请数}件，被申请行政复议{行政复议总计}件。｛机关名称｝", report, "text.s1_2")
    assert text == "共收到申请33件，被申请行政复议2件。温县人民政府办公室"
    assert findings == []


def test_unknown_placeholder_is_a_finding_not_a_crash():
    report = wenxian_2024()
    report.texts["text.s1_2"] = "本年度共收到申请{本年新收申请}件。"
    n = generate(report)
    assert n.own["s1_2"] == ["本年度共收到申请{本年新收申请}件。"]  # kept as typed, visible
    (f,) = [f for f in check_report(report) if f.rule == "TEXT.PLACEHOLDER"]
    assert f.is_error
    assert f.cells == (LAYOUT["text.s1_2"].ref,)
    assert "{本年新收申请}" in f.message and "{本年新收申请数}" in f.message


def test_empty_text_placeholder_warns():
    r = Report.from_numbers({}, {"text.s5": "{机关名称}存在的问题"})
    text, findings = resolve_placeholders(r.text("text.s5"), r, "text.s5")
    assert text == "存在的问题"
    assert [f.rule for f in findings] == ["TEXT.PLACEHOLDER_EMPTY"] and not findings[0].is_error


def test_missing_fee_statement_warns():
    r = Report.from_numbers({"t3.new.zr": 3, "t3.r6_2.zr": 3}, {"text.s6": "无其他需要报告的事项。"})
    n = generate(r)
    assert [f for f in check_report(r) if f.rule == "TEXT.FEE"]
    assert n.body("s6") == ["无其他需要报告的事项。", "本年度有3件政府信息公开申请因申请人逾期未按收费通知要求缴纳费用，不再处理。"]


# ---------------------------------------------------------------- nianbao text
@pytest.fixture()
def workbook(tmp_path):
    path = tmp_path / "温县2024.xlsx"
    write_report(corrected_sample(), path)
    return path


def test_cli_text_prints_generated_sentences(workbook, capsys):
    assert main(["text", str(workbook)]) == 0
    out = capsys.readouterr().out
    assert "【三、收到和处理政府信息公开申请情况】" in out
    assert "新收政府信息公开申请33件" in out


def test_cli_text_json_and_previous(workbook, tmp_path, capsys):
    last = tmp_path / "2023.xlsx"
    write_report(_with_new(30), last)
    assert main(["text", str(workbook), "--previous", str(last), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "温县人民政府办公室2024年政府信息公开工作年度报告"
    assert "较上年增加3件、增长10%" in data["generated"]["s3"]


def test_cli_text_full_and_unknown_placeholder(tmp_path, capsys):
    report = corrected_sample()
    report.texts["text.s5"] = "问题如下：{不存在的数}。"
    path = tmp_path / "r.xlsx"
    write_report(report, path)
    assert main(["text", str(path), "--full"]) == 1
    captured = capsys.readouterr()
    assert captured.out.index("一、总体情况") < captured.out.index("六、其他需要报告的事项")
    assert "{不存在的数}" in captured.err and "[错误]" in captured.err


def test_cli_text_missing_file_is_a_chinese_error(tmp_path, capsys):
    assert main(["text", str(tmp_path / "没有.xlsx")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_every_placeholder_names_real_cells(wenxian):
    report, _ = wenxian
    for name, keys in PLACEHOLDERS.items():
        assert keys and all(k in LAYOUT.fields and LAYOUT[k].kind != "text" for k in keys), name
        text, findings = resolve_placeholders(f"{{{name}}}", report, "text.s5")
        assert not findings and text == str(report.sum_of(keys)), name
    assert resolve_placeholders("{办理结果总计}", report)[0] == "33"


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(("source", "suffix"), [("samples/wenxian_zhengfuban_2024.txt", ".text"), ("import/report_2023.html", ".shtml")])
def test_cli_text_reads_every_published_kind_check_reads(source, suffix, tmp_path, capsys):
    """text, word, check, compare, merge and import share one loader: a published report check accepts is read here too."""
    from xladdin.importers import import_report

    path = tmp_path / f"报告{suffix}"
    shutil.copy(FIXTURES / source, path)
    imported = import_report(path).report
    rc = main(["text", str(path)])
    out = capsys.readouterr().out
    assert rc in (0, 1)  # read (errors, if any, are the report's own); 2 would be “cannot read”
    assert f"新收政府信息公开申请{imported['t3.new.zj']}件" in out


def test_cli_text_with_table_errors_prints_but_warns_and_exits_1(tmp_path, capsys):
    """Like ``word --force``: the text is produced, the errors listed on stderr, and the exit code says so."""
    from checks import check_report
    from workbook.read import read_workbook

    report = corrected_sample()
    report.set("t3.new.zj", -3)
    path = tmp_path / "neg.xlsx"
    write_report(report, path)
    errors = [f for f in check_report(read_workbook(path)) if f.is_error]
    assert any(f.rule == "CELL.NEGATIVE" for f in errors)
    assert main(["text", str(path)]) == 1
    captured = capsys.readouterr()
    assert "新收政府信息公开申请-3件" in captured.out  # still printed, as computed
    assert f"有 {len(errors)} 个错误" in captured.err and "不能用于正式报告" in captured.err
    assert all(f.message in captured.err for f in errors)


def test_cli_text_help_names_its_argument_as_shown(capsys):
    assert main(["text", "--help"]) == 0
    out = capsys.readouterr().out
    assert "文件" in out.split("用法：")[1].splitlines()[0] and "FILE" not in out
    assert "退出码" in out


def test_no_year_on_year_phrase_where_last_year_is_blank():
    """A blank last-year workbook (e.g. a fresh template) states nothing to compare with."""
    from workbook.model import Report
    from xladdin.report.prose import generate

    this = Report.from_numbers({"t3.new.zr": 5, "t3.r1.zr": 5, "t4.fy.wc": 1, "t2.xk.sl": 3})
    blank = Report.empty()
    blank.fill_totals()  # totals as a template shows them: 0 from blank inputs
    text = "".join(generate(this, blank)[s] for s in ("s2", "s3", "s4"))
    assert "较上年" not in text and "持平" not in text
    last = Report.from_numbers({"t3.new.zr": 4, "t3.r1.zr": 4, "t4.fy.wc": 1, "t2.xk.sl": 3})
    text = "".join(generate(this, last)[s] for s in ("s2", "s3", "s4"))
    assert "较上年增加1件" in text
