"""The national format (国办公开办函〔2021〕30号) as data: every sheet, table, row, column and cell.

This module is the single source of truth. The template builder, the reader, the writer, the
rules, the narrative, the Word tables and the importers all read it; no official label is typed
anywhere else (tests/test_labels_once.py scans the sources). Each table is declared whole as a
``Grid``: its title, its header cells with their spans (``HeaderCell``), the label cells of its data
rows, its label depth and first data row, and its fields; the builder, the reader's header checks
and the Word tables iterate that declaration. The building blocks are in ``workbook.grid``.

Keys
----
Every value has a stable key ``<table>.<row>.<column>``:

* table 二 (sheet 主动公开): rows ``gz`` 规章, ``gfxwj`` 行政规范性文件, ``xk`` 行政许可,
  ``cf`` 行政处罚, ``qz`` 行政强制, ``sf`` 行政事业性收费; columns ``zf`` 本年制发件数,
  ``fz`` 本年废止件数, ``yx`` 现行有效件数, ``sl`` 本年处理决定数量, ``je`` 本年收费金额（万元）.
  e.g. ``t2.gfxwj.zf``, ``t2.cf.sl``, ``t2.sf.je``.
* table 三 (sheet 依申请公开): rows ``new`` 一, ``prev`` 二, ``r1`` （一）, ``r2`` （二）,
  ``r3_1``…``r3_8``, ``r4_1``…``r4_3``, ``r5_1``…``r5_5``, ``r6_1``…``r6_3``, ``r7`` （七）总计,
  ``next`` 四; columns ``zr`` 自然人, ``sy`` 商业企业, ``ky`` 科研机构, ``gy`` 社会公益组织,
  ``fl`` 法律服务机构, ``qt`` 其他, ``zj`` 总计. e.g. ``t3.r4_1.zr``.
* table 四 (sheet 复议诉讼): groups ``fy`` 行政复议, ``zs`` 未经复议直接起诉, ``fh`` 复议后起诉;
  columns ``wc`` 结果维持, ``jz`` 结果纠正, ``qt`` 其他结果, ``wj`` 尚未审结, ``zj`` 总计.
  e.g. ``t4.fy.zj``.
* 基本信息: ``info.org``, ``info.year``, ``info.date``, ``info.contact``, ``info.units``, and the
  信息处理费 of section 六: ``info.fee_notices`` (件), ``info.fee_notified``, ``info.fee_collected`` (元).
* 正文: ``text.<section>`` (the agency's own paragraphs) and ``gen.<section>`` (generated text),
  sections ``s1``, ``s1_1``…``s1_5``, ``s2``…``s6``.

Adding a row: add one ``Row`` to the table's ``rows`` tuple (labels level by level; rows that
share a leading label are merged under it automatically). Adding a table: declare a ``Grid`` with
its header cells and list it in ``GRIDS``. Then rebuild the template (``python -m workbook.build``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

# The building blocks (re-exported: callers import everything about the format from here).
from .grid import (  # noqa: F401
    CAPTION,
    COLUMN,
    GROUP,
    HEAD,
    ITEM,
    NOTE,
    ROW,
    Column,
    Field,
    Grid,
    HeaderCell,
    Row,
    a1,
    col_letter,
    label_cells,
    parse_a1,
)

FORMAT_NAME = "中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）"
FORMAT_FIRST_YEAR = 2021  # the first report year of this format; 2019 and 2020 used the 试行 format of 2019

SHEET_INFO = "基本信息"
SHEET_T2 = "主动公开"
SHEET_T3 = "依申请公开"
SHEET_T4 = "复议诉讼"
SHEET_TEXT = "正文"
SHEET_HELP = "填报说明"
SHEET_RESULTS = "校验结果"

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


# ---------------------------------------------------------------- table 二
@dataclass(frozen=True)
class Block:
    """One 第二十条第（x）项 block of table 二: a caption row, a header row and its rows."""

    caption: str
    headers: tuple[Column, ...]
    rows: tuple[Row, ...]
    kind: str = "count"

    @property
    def item(self) -> str:
        """The 第二十条 item number, "一" for "第二十条第（一）项": how reports refer to the block."""
        return self.caption.split("（", 1)[1].split("）", 1)[0]


T2_BLOCKS: tuple[Block, ...] = (
    Block(
        "第二十条第（一）项",
        (Column("zf", "本年制发件数"), Column("fz", "本年废止件数"), Column("yx", "现行有效件数")),
        (Row("gz", ("规章",)), Row("gfxwj", ("行政规范性文件",))),
    ),
    Block("第二十条第（五）项", (Column("sl", "本年处理决定数量"),), (Row("xk", ("行政许可",)),)),
    Block(
        "第二十条第（六）项",
        (Column("sl", "本年处理决定数量"),),
        (Row("cf", ("行政处罚",)), Row("qz", ("行政强制",))),
    ),
    Block(
        "第二十条第（八）项",
        (Column("je", "本年收费金额（单位：万元）"),),
        (Row("sf", ("行政事业性收费",)),),
        kind="amount",
    ),
)
T2_CONTENT_LABEL = "信息内容"
T2_WIDTH = 4  # label column + 3 value columns; single-value rows merge the 3


# ---------------------------------------------------------------- table 三
T3_COLUMNS: tuple[Column, ...] = (
    Column("zr", "自然人"),
    Column("sy", "商业企业"),
    Column("ky", "科研机构"),
    Column("gy", "社会公益组织"),
    Column("fl", "法律服务机构"),
    Column("qt", "其他"),
    Column("zj", "总计"),
)
T3_APPLICANTS = tuple(c.key for c in T3_COLUMNS[:-1])
T3_HEAD_APPLICANT = "申请人情况"
T3_HEAD_LEGAL = "法人或其他组织"

_R3 = "三、本年度办理结果"
_NO = "（三）不予公开"
_NA = "（四）无法提供"
_NP = "（五）不予处理"
_OT = "（六）其他处理"
T3_ROWS: tuple[Row, ...] = (
    Row("new", ("一、本年新收政府信息公开申请数量",)),
    Row("prev", ("二、上年结转政府信息公开申请数量",)),
    Row("r1", (_R3, "（一）予以公开")),
    Row("r2", (_R3, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    Row("r3_1", (_R3, _NO, "1.属于国家秘密")),
    Row("r3_2", (_R3, _NO, "2.其他法律行政法规禁止公开")),
    Row("r3_3", (_R3, _NO, "3.危及“三安全一稳定”")),
    Row("r3_4", (_R3, _NO, "4.保护第三方合法权益")),
    Row("r3_5", (_R3, _NO, "5.属于三类内部事务信息")),
    Row("r3_6", (_R3, _NO, "6.属于四类过程性信息")),
    Row("r3_7", (_R3, _NO, "7.属于行政执法案卷")),
    Row("r3_8", (_R3, _NO, "8.属于行政查询事项")),
    Row("r4_1", (_R3, _NA, "1.本机关不掌握相关政府信息")),
    Row("r4_2", (_R3, _NA, "2.没有现成信息需要另行制作")),
    Row("r4_3", (_R3, _NA, "3.补正后申请内容仍不明确")),
    Row("r5_1", (_R3, _NP, "1.信访举报投诉类申请")),
    Row("r5_2", (_R3, _NP, "2.重复申请")),
    Row("r5_3", (_R3, _NP, "3.要求提供公开出版物")),
    Row("r5_4", (_R3, _NP, "4.无正当理由大量反复申请")),
    Row("r5_5", (_R3, _NP, "5.要求行政机关确认或重新出具已获取信息")),
    Row("r6_1", (_R3, _OT, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    Row("r6_2", (_R3, _OT, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
    Row("r6_3", (_R3, _OT, "3.其他")),
    Row("r7", (_R3, "（七）总计")),
    Row("next", ("四、结转下年度继续办理",)),
)
T3_ROW_BY_KEY = {r.key: r for r in T3_ROWS}
T3_RESULT_ROWS = tuple(r.key for r in T3_ROWS if r.key.startswith("r") and r.key != "r7")
# The result categories （一）…（六）, each with its rows: for narrative and sub-totals.
T3_CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("r1", "予以公开", ("r1",)),
    ("r2", "部分公开", ("r2",)),
    ("r3", "不予公开", tuple(f"r3_{i}" for i in range(1, 9))),
    ("r4", "无法提供", tuple(f"r4_{i}" for i in range(1, 4))),
    ("r5", "不予处理", tuple(f"r5_{i}" for i in range(1, 6))),
    ("r6", "其他处理", tuple(f"r6_{i}" for i in range(1, 4))),
)
T3_LABEL_COLS = 3


# ---------------------------------------------------------------- table 四
T4_GROUPS: tuple[tuple[str, str, str | None], ...] = (
    # key, top header, second-level header (None: the group is the whole 行政复议 block)
    ("fy", "行政复议", None),
    ("zs", "行政诉讼", "未经复议直接起诉"),
    ("fh", "行政诉讼", "复议后起诉"),
)
T4_COLUMNS: tuple[Column, ...] = (
    Column("wc", "结果维持"),
    Column("jz", "结果纠正"),
    Column("qt", "其他结果"),
    Column("wj", "尚未审结"),
    Column("zj", "总计"),
)


# ---------------------------------------------------------------- 基本信息 and 正文
@dataclass(frozen=True)
class InfoItem:
    key: str
    label: str
    hint: str


INFO_ITEMS: tuple[InfoItem, ...] = (
    InfoItem("info.org", "机关名称", "如：××县人民政府办公室"),
    InfoItem("info.year", "报告年度", "四位数字，如：2024"),
    InfoItem("info.date", "发布日期", "如：2025年1月20日"),
    InfoItem("info.contact", "联系方式", "政府信息公开工作机构的地址、电话等"),
    InfoItem("info.units", "汇总单位", "汇总多个单位的数据时自动填写，单个机关无需填写"),
    # 信息处理费 (报告第六部分，《政府信息公开信息处理费管理办法》): no table of the format holds them.
    InfoItem("info.fee_notices", "信息处理费收费通知件数", "本年发出收费通知的件数，没有填 0"),
    InfoItem("info.fee_notified", "信息处理费通知收取金额（元）", "收费通知的总金额，单位：元，没有填 0"),
    InfoItem("info.fee_collected", "信息处理费实际收取金额（元）", "实际收取的总金额，单位：元，没有填 0"),
    # Which publication deadline applies (《条例》第五十条): 人民政府 by 3月31日, its 部门 by 1月31日.
    InfoItem("info.kind", "机关类别", "人民政府 或 部门（按机关名称自动判断，可修改）"),
)
AGENCY_KINDS = ("人民政府", "部门")


@dataclass(frozen=True)
class TextSection:
    key: str  # "s1_2" → text.s1_2 and gen.s1_2
    heading: str
    hint: str


TEXT_SECTIONS: tuple[TextSection, ...] = (
    TextSection("s1", "一、总体情况", "总体情况导语（可空）"),
    TextSection("s1_1", "（一）主动公开", "主动公开工作情况"),
    TextSection("s1_2", "（二）依申请公开", "依申请公开工作情况"),
    TextSection("s1_3", "（三）政府信息管理", "政府信息管理情况"),
    TextSection("s1_4", "（四）政府信息公开平台建设", "平台建设情况"),
    TextSection("s1_5", "（五）监督保障", "监督保障情况，含工作考核、社会评议和责任追究结果"),
    TextSection("s2", "二、主动公开政府信息情况", "表格前的说明文字（可空）"),
    TextSection("s3", "三、收到和处理政府信息公开申请情况", "表格前的说明文字（可空）"),
    TextSection("s4", "四、政府信息公开行政复议、行政诉讼情况", "表格前的说明文字（可空）"),
    TextSection("s5", "五、存在的主要问题及改进情况", "存在的主要问题及改进情况"),
    TextSection("s6", "六、其他需要报告的事项", "其他需要报告的事项；收取信息处理费情况在此报告"),
)
# The report's six section titles (一、…六、), the headings of the top-level sections above.
SECTION_TITLES: dict[str, str] = {s.key: s.heading for s in TEXT_SECTIONS if "_" not in s.key}
TEXT_FIRST_ROW = 2  # 0-based: row 3 in Excel; A heading, B agency text, C generated text
TEXT_COL_OWN = 1
TEXT_COL_GEN = 2


# ---------------------------------------------------------------- positions
def _t2_labels() -> tuple[HeaderCell, ...]:
    out: list[HeaderCell] = []
    row = 1
    for block in T2_BLOCKS:
        out.append(HeaderCell(row, 0, block.caption, colspan=T2_WIDTH, kind=CAPTION))
        out.append(HeaderCell(row + 1, 0, T2_CONTENT_LABEL, kind=COLUMN))
        if len(block.headers) == 1:  # one value: its heading spans the value columns
            out.append(HeaderCell(row + 1, 1, block.headers[0].label, colspan=T2_WIDTH - 1, kind=COLUMN))
        else:
            out.extend(HeaderCell(row + 1, 1 + i, h.label, kind=COLUMN) for i, h in enumerate(block.headers))
        out.extend(HeaderCell(row + 2 + i, 0, r.labels[0], kind=ITEM) for i, r in enumerate(block.rows))
        row += 2 + len(block.rows)
    return tuple(out)


def _t3_header() -> tuple[HeaderCell, ...]:
    d0, n = T3_LABEL_COLS, len(T3_COLUMNS)
    return (
        HeaderCell(1, 0, T3_NOTE, 3, d0, NOTE),
        HeaderCell(1, d0, T3_HEAD_APPLICANT, colspan=n),
        HeaderCell(2, d0, T3_COLUMNS[0].label, rowspan=2),
        HeaderCell(2, d0 + 1, T3_HEAD_LEGAL, colspan=n - 2),
        *(HeaderCell(3, d0 + 1 + i, c.label) for i, c in enumerate(T3_COLUMNS[1:-1])),
        HeaderCell(2, d0 + n - 1, T3_COLUMNS[-1].label, rowspan=2),
    )


def _t4_header() -> tuple[HeaderCell, ...]:
    n = len(T4_COLUMNS)
    out: list[HeaderCell] = []
    start = 0
    while start < len(T4_GROUPS):  # top heading: consecutive groups under one (行政诉讼 over two)
        end = start
        while end + 1 < len(T4_GROUPS) and T4_GROUPS[end + 1][1] == T4_GROUPS[start][1]:
            end += 1
        out.append(HeaderCell(1, start * n, T4_GROUPS[start][1], colspan=(end - start + 1) * n))
        start = end + 1
    for gi, (_, _, sub) in enumerate(T4_GROUPS):
        if sub is None:  # the group is its top heading: column headings span both lower rows
            out.extend(HeaderCell(2, gi * n + i, c.label, rowspan=2) for i, c in enumerate(T4_COLUMNS))
        else:
            out.append(HeaderCell(2, gi * n, sub, colspan=n))
            out.extend(HeaderCell(3, gi * n + i, c.label) for i, c in enumerate(T4_COLUMNS))
    return tuple(out)


def _t2_fields() -> tuple[Field, ...]:
    out: list[Field] = []
    row = 1
    for block in T2_BLOCKS:
        row += 2  # caption row, header row
        for r in block.rows:
            for i, col in enumerate(block.headers):
                span = T2_WIDTH - 1 if len(block.headers) == 1 else 1
                out.append(
                    Field(
                        f"t2.{r.key}.{col.key}",
                        SHEET_T2,
                        row,
                        1 + i,
                        f"{block.caption} {r.labels[0]} · {col.label}",
                        block.kind,
                        span=span,
                    )
                )
            row += 1
    return tuple(out)


T3_FIRST_ROW = 4  # 0-based: title row, 3 header rows


def _t3_fields() -> tuple[Field, ...]:
    out: list[Field] = []
    leaf_rows = [r.key for r in T3_ROWS if r.key.startswith("r") and r.key != "r7"]
    for ri, r in enumerate(T3_ROWS):
        label = "".join(r.labels) if len(r.labels) < 3 else f"{r.labels[0]}{r.labels[1]} {r.labels[2]}"
        for ci, c in enumerate(T3_COLUMNS):
            if c.key == "zj":
                sums = tuple(f"t3.{r.key}.{a}" for a in T3_APPLICANTS)
            elif r.key == "r7":
                sums = tuple(f"t3.{k}.{c.key}" for k in leaf_rows)
            else:
                sums = ()
            out.append(
                Field(f"t3.{r.key}.{c.key}", SHEET_T3, T3_FIRST_ROW + ri, T3_LABEL_COLS + ci, f"{label} · {c.label}", "count", sums)
            )
    return tuple(out)


T4_DATA_ROW = 4  # 0-based: title row, 3 header rows


def _t4_fields() -> tuple[Field, ...]:
    out: list[Field] = []
    for gi, (g, top, sub) in enumerate(T4_GROUPS):
        group_label = top if sub is None else f"{top}（{sub}）"
        for ci, c in enumerate(T4_COLUMNS):
            sums = tuple(f"t4.{g}.{x.key}" for x in T4_COLUMNS[:-1]) if c.key == "zj" else ()
            out.append(
                Field(f"t4.{g}.{c.key}", SHEET_T4, T4_DATA_ROW, gi * 5 + ci, f"{group_label} · {c.label}", "count", sums)
            )
    return tuple(out)


def _info_fields() -> tuple[Field, ...]:
    return tuple(Field(it.key, SHEET_INFO, 2 + i, 1, it.label, "text") for i, it in enumerate(INFO_ITEMS))


def _text_fields() -> tuple[Field, ...]:
    out = []
    for i, s in enumerate(TEXT_SECTIONS):
        out.append(Field(f"text.{s.key}", SHEET_TEXT, TEXT_FIRST_ROW + i, TEXT_COL_OWN, f"{s.heading}（本机关撰写）", "text"))
        out.append(Field(f"gen.{s.key}", SHEET_TEXT, TEXT_FIRST_ROW + i, TEXT_COL_GEN, f"{s.heading}（系统生成）", "text"))
    return tuple(out)


GRIDS: tuple[Grid, ...] = (
    Grid("t2", SHEET_T2, SECTION_TITLES["s2"], 0, _t2_fields(), T2_WIDTH, 1, (), _t2_labels()),
    Grid(
        "t3", SHEET_T3, SECTION_TITLES["s3"], 3, _t3_fields(), T3_LABEL_COLS + len(T3_COLUMNS), T3_LABEL_COLS,
        _t3_header(), label_cells(T3_ROWS, T3_FIRST_ROW, T3_LABEL_COLS),
    ),
    Grid("t4", SHEET_T4, SECTION_TITLES["s4"], 3, _t4_fields(), len(T4_GROUPS) * len(T4_COLUMNS), 0, _t4_header()),
)
GRID_BY_KEY = {g.key: g for g in GRIDS}


class Layout:
    """Lookup over every field: by key, by sheet and cell."""

    def __init__(self) -> None:
        fields = [f for g in GRIDS for f in g.fields] + list(_info_fields()) + list(_text_fields())
        self.fields: dict[str, Field] = {f.key: f for f in fields}
        if len(self.fields) != len(fields):
            raise AssertionError("duplicate key in layout")

    def __getitem__(self, key: str) -> Field:
        return self.fields[key]

    def __iter__(self):
        return iter(self.fields.values())

    @cached_property
    def numeric(self) -> tuple[Field, ...]:
        """Every table cell (inputs and totals), in table order."""
        return tuple(f for f in self.fields.values() if f.kind in ("count", "amount"))

    @cached_property
    def inputs(self) -> tuple[Field, ...]:
        """The cells a user types into: table cells that are not totals."""
        return tuple(f for f in self.numeric if not f.is_total)

    @cached_property
    def totals(self) -> tuple[Field, ...]:
        return tuple(f for f in self.numeric if f.is_total)

    @cached_property
    def totals_in_order(self) -> tuple[Field, ...]:
        """The totals, each after the totals it adds up (（七）总计's 总计 adds the （七） row): the order to compute them."""
        return tuple(sorted(self.totals, key=lambda f: any(self.fields[k].is_total for k in f.sums)))

    @cached_property
    def by_ref(self) -> dict[tuple[str, str], Field]:
        return {(f.sheet, f.cell): f for f in self.fields.values()}


LAYOUT = Layout()


def t3(row: str, col: str) -> str:
    return f"t3.{row}.{col}"


def t4(group: str, col: str) -> str:
    return f"t4.{group}.{col}"
