"""Every rule any finding can carry, declared once: id, severity, Chinese name, what it checks, which cells.

The executors (``checks.rules``, ``checks.narrative``, ``checks.sections``, the importers, the merge, the
batch) take a finding's severity from here by id (``finding(id, …)``), and every place a person reads shows
the rule's ``name``, never its id (ids stay in JSON and CSV). ``nianbao check --rules`` prints this table.

Severity policy: ``ERROR`` (错误, blocks the Word export) only where the report is certainly wrong — a sum
that does not add up, a cell that is not a number, a number the text states that the table contradicts.
Anything that depends on reading the clerk's intent (a blank cell, an unusual but possible figure, a
sentence that may be about something else, a doubt from reading a published file) is a ``WARNING`` (提醒).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.layout import T3_CATEGORIES

from .findings import ERROR, WARNING, Finding
from .names import T2_COL_NAMES, T3_ROW_NAMES, T4_COL_NAMES

SEVERITY_NAMES = {ERROR: "错误", WARNING: "提醒"}


@dataclass(frozen=True)
class RuleInfo:
    id: str  # stable, e.g. "T3.ROW_TOTAL"
    severity: str  # checks.findings.ERROR | WARNING
    name: str  # short formal Chinese name shown to people, e.g. "表三行合计不符"
    description: str  # one Chinese sentence: what it checks
    cells: str  # which cells it names, in Chinese


_E, _W = ERROR, WARNING
# Official labels are the layout's (never typed here): the descriptions quote them through these names.
_ZF, _FZ, _YX, _SL = (T2_COL_NAMES[k] for k in ("zf", "fz", "yx", "sl"))
_R7 = T3_ROW_NAMES["r7"]
_T4_PARTS = "、".join(T4_COL_NAMES[k] for k in ("wc", "jz", "qt", "wj"))
_WC = T4_COL_NAMES["wc"]
_CAT = {key: f"（{'一二三四五六'[i]}）{name}" for i, (key, name, _rows) in enumerate(T3_CATEGORIES)}
_TEXT_CELLS = "正文工作表中所述段落的单元格，及表格中对应的单元格"

CATALOGUE: tuple[RuleInfo, ...] = (
    # ---------------------------------------------------------------- 基本信息 and cell contents (checks.rules)
    RuleInfo("INFO.YEAR", _W, "报告年度有误", "报告年度未填写或不是四位年份，或正文“总体情况”开头写的年份与报告年度不一致。", "基本信息表“报告年度”单元格，及正文所述段落"),
    RuleInfo("CELL.TEXT", _E, "数字单元格填写了文字", "应填数字的单元格填写了无法读作数字的文字；涉及该单元格的合计暂不校验。", "填写文字的单元格"),
    RuleInfo("CELL.FORMULA_ERROR", _E, "公式错误", "单元格显示公式错误（如 #REF!），通常是删除了被引用的单元格。", "显示公式错误的单元格"),
    RuleInfo("CELL.NEGATIVE", _E, "件数或金额为负数", "件数或金额填写了负数。", "填写负数的单元格"),
    RuleInfo("CELL.NOT_INTEGER", _E, "件数不是整数", "件数单元格填写了小数。", "填写小数的单元格"),
    RuleInfo("CELL.TOO_LARGE", _E, "数字明显过大", "件数或金额超过十亿，明显是误输入或粘贴了科学计数法的数字。", "填写过大数字的单元格"),
    RuleInfo("T2.AMOUNT_UNIT", _E, "收费金额单位有误", "行政事业性收费金额以元填写，而本栏单位为万元。", "主动公开表“本年收费金额”单元格"),
    RuleInfo("CELL.BLANK", _W, "单元格未填写", "应填数字的单元格未填写，校验时按 0 计算；每张表列为一条。", "该表全部未填写的单元格"),
    RuleInfo("CELL.READ_AS", _W, "数字写法不规范", "全角数字、文本格式的数字、汉字数字、带单位或“/”“无”等写法，已按数字读取，请改填阿拉伯数字。", "写法不规范的单元格"),
    RuleInfo("CELL.TOTAL_TYPED", _W, "合计公式被数字替换", "合计单元格的求和公式被手工填写的数字替换，数值目前正确但不会随分项更新。", "被替换公式的合计单元格"),
    # ---------------------------------------------------------------- tables (checks.rules)
    RuleInfo("T2.IN_FORCE", _W, f"{_YX}小于{_ZF}", f"规章、行政规范性文件的{_YX}小于{_ZF}。", f"主动公开表“{_YX}”和“{_ZF}”单元格"),
    RuleInfo("T3.ROW_TOTAL", _E, "依申请公开表行合计不符", "依申请公开表每一行的总计应等于各类申请人之和。", "该行“总计”单元格及各类申请人单元格"),
    RuleInfo("T3.COL_TOTAL", _E, "依申请公开表办理结果总计不符", f"依申请公开表每一列的“{_R7}”应等于（一）至（六）各项之和。", f"该列“{_R7}”单元格及各项办理结果单元格"),
    RuleInfo("T3.BALANCE", _E, "依申请公开表勾稽关系不符", "依申请公开表每一列：本年新收加上年结转，应等于办理结果总计加结转下年度继续办理。", f"该列“本年新收”“上年结转”“{_R7}”“结转下年度继续办理”及各项办理结果单元格"),
    RuleInfo("T4.TOTAL", _E, "复议诉讼表合计不符", f"复议诉讼表每一组的总计应等于{_T4_PARTS}之和。", "该组“总计”单元格及四项结果单元格"),
    RuleInfo("T4.NO_APPLICATIONS", _W, "有复议诉讼而无申请", "复议诉讼表填有案件，而依申请公开表本年新收和上年结转的申请均为 0。", "复议诉讼表各组总计，及依申请公开表“本年新收”“上年结转”总计"),
    # ---------------------------------------------------------------- previous year (checks.rules)
    RuleInfo("PREV.YEAR", _W, "上年度报告年度不符", "作为上年度报告提供的文件，其年度不是本报告年度的上一年。", "基本信息表“报告年度”单元格"),
    RuleInfo("PREV.ORG", _W, "上年度报告机关名称不同", "作为上年度报告提供的文件，其机关名称与本报告不同，可能选错了文件。", "基本信息表“机关名称”单元格"),
    RuleInfo("PREV.CARRY_OVER", _E, "上年结转与上年度报告不符", "本年“上年结转政府信息公开申请数量”应等于上年度报告的“结转下年度继续办理”。", "依申请公开表“上年结转”单元格"),
    RuleInfo("PREV.IN_FORCE", _W, f"{_YX}与上年度不衔接", f"{_YX}应约等于上年度{_YX}加本年制发、减本年废止。", f"主动公开表“{_YX}”“{_ZF}”“{_FZ}”单元格"),
    # ---------------------------------------------------------------- text against tables (checks.narrative)
    RuleInfo("NARR.APPLICATIONS", _E, "正文所述收到申请数与表格不符", "正文所述收到、受理、新收政府信息公开申请的件数，应等于依申请公开表“本年新收”总计（或加上年结转）；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.HANDLED", _E, "正文所述办理申请数与表格不符", f"正文所述办结、答复、办理申请的件数，应等于依申请公开表“{_R7}”（或本年新收、新收加上年结转）；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.CARRIED_IN", _E, "正文所述上年结转数与表格不符", "正文所述上年结转申请的件数，应等于依申请公开表“上年结转”总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.CARRIED_OUT", _E, "正文所述结转下年度数与表格不符", "正文所述结转下年度继续办理的件数，应等于依申请公开表“结转下年度继续办理”总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.OPENED", _E, "正文所述公开数与表格不符", "正文所述予以公开及部分公开的件数，应等于依申请公开表（一）与（二）总计之和；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.R1", _E, "正文所述予以公开数与表格不符", f"正文所述予以公开的件数，应等于依申请公开表“{_CAT['r1']}”总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.R2", _E, "正文所述部分公开数与表格不符", "正文所述部分公开的件数，应等于依申请公开表“（二）部分公开”总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.R3", _E, "正文所述不予公开数与表格不符", f"正文所述不予公开的件数，应等于依申请公开表“{_CAT['r3']}”各项总计之和；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.R4", _E, "正文所述无法提供数与表格不符", f"正文所述无法提供的件数，应等于依申请公开表“{_CAT['r4']}”各项总计之和；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.R5", _E, "正文所述不予处理数与表格不符", f"正文所述不予处理的件数，应等于依申请公开表“{_CAT['r5']}”各项总计之和；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.R6", _E, "正文所述其他处理数与表格不符", f"正文所述其他处理的件数，应等于依申请公开表“{_CAT['r6']}”各项总计之和；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.APPEALS", _E, "正文所述行政复议数与表格不符", "正文所述政府信息公开行政复议的件数，应等于复议诉讼表行政复议总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.LAWSUITS", _E, "正文所述行政诉讼数与表格不符", "正文所述政府信息公开行政诉讼的件数，应等于未经复议直接起诉与复议后起诉总计之和；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.SUITS_DIRECT", _E, "正文所述直接起诉数与表格不符", "正文所述未经复议直接起诉的件数，应等于复议诉讼表相应总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.SUITS_AFTER", _E, "正文所述复议后起诉数与表格不符", "正文所述复议后起诉的件数，应等于复议诉讼表相应总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.PERMITS", _E, "正文所述行政许可数与表格不符", f"正文所述行政许可决定的件数，应等于主动公开表行政许可“{_SL}”；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.PENALTIES", _E, "正文所述行政处罚数与表格不符", f"正文所述行政处罚决定的件数，应等于主动公开表行政处罚“{_SL}”；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.COERCION", _E, "正文所述行政强制数与表格不符", f"正文所述行政强制的件数，应等于主动公开表行政强制“{_SL}”；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.FEES", _E, "正文所述收费金额与表格不符", "正文所述行政事业性收费金额（万元或元），应等于主动公开表“本年收费金额”；信息处理费不在表内，不比较。", _TEXT_CELLS),
    RuleInfo("NARR.DOCUMENTS", _E, "正文所述文件件数与表格不符", "正文所述制发、废止、现行有效的规章和行政规范性文件件数，应等于主动公开表对应单元格；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.T3_ROW", _E, "正文所述办理结果分项与表格不符", "正文以依申请公开表分项原名所述的件数（如“重复申请 1 件”），应等于该行总计；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.APPEAL_RESULTS", _E, "正文所述复议诉讼结果与表格不符", f"正文所述复议、诉讼的{_WC}、纠正等件数，应等于复议诉讼表对应单元格；表格未填写时为提醒。", _TEXT_CELLS),
    RuleInfo("NARR.ALL_UPHELD", _E, "正文称均获维持而表格另有结果", f"正文称复议、诉讼“均获维持”时，所述各组的{_WC}之和应等于总计。", _TEXT_CELLS),
    RuleInfo("NARR.NO_APPEALS", _E, "正文称未发生复议诉讼与表四不符",
             "正文称未发生政府信息公开行政复议、行政诉讼，而表四相应总计不为 0。", "正文所在部分；表四相应总计"),
    RuleInfo("NARR.SUM", _E, "正文分项之和与总数不符",
             "正文“共 N，其中／包括／分别为……”列举的分项之和超过总数，或完整列举（含“其他”、全部结果或互补的各类）而不等于总数；属性性质的分项不相加。",
             "正文所在部分"),
    # ---------------------------------------------------------------- text sections (checks.sections)
    RuleInfo("TEXT.PLACEHOLDER", _E, "正文占位符无法识别", "正文中的占位符（如“{本年新收申请数}”）不是“填报说明”所列的名称，无法替换为数字。", "正文工作表中含该占位符的单元格"),
    RuleInfo("TEXT.PLACEHOLDER_EMPTY", _W, "正文占位符取值为空", "正文中的占位符取自基本信息表的项目，而该项目尚未填写，替换后为空。", "基本信息表对应单元格，及正文中含该占位符的单元格"),
    RuleInfo("TEXT.EMPTY", _W, "正文部分未填写", "须由本机关撰写的正文部分尚未填写，导出的 Word 报告中此处将为空。", "正文工作表中该部分的单元格"),
    RuleInfo("TEXT.FEE", _W, "正文未说明信息处理费", "正文“其他需要报告的事项”未说明收取信息处理费的情况。", "正文工作表“其他需要报告的事项”单元格"),
    # ---------------------------------------------------------------- reading a published report (xladdin.importers)
    RuleInfo("IMPORT.NO_TABLES", _E, "未找到统计表", "导入的报告中未找到三张统计表的任何数据（表格可能是扫描图片）。", "无"),
    RuleInfo("IMPORT.NO_TITLE", _W, "未读出机关名称或年度", "未能从报告标题中读出机关名称或报告年度。", "基本信息表“机关名称”“报告年度”单元格"),
    RuleInfo("IMPORT.SECTIONS", _W, "未找到正文部分标题", "导入的报告中未找到某些部分的标题，相应正文未导入。", "正文工作表中相应部分的单元格"),
    RuleInfo("IMPORT.RECOVERED", _W, "连写数字已按合计拆分", "原文中连写在一起的数字，已按表内合计关系找到唯一拆分方式，请对照原文核对。", "拆分所得的单元格"),
    RuleInfo("IMPORT.AMBIGUOUS", _W, "连写数字无法确定拆分", "原文中连写在一起的数字不能按合计关系唯一拆分，相应单元格未填写。", "该行未填写的单元格"),
    RuleInfo("IMPORT.UNREAD", _W, "表格行未能读取", "导入的报告中某些行或整张表未找到，或数字个数与列数不符，相应单元格未填写。", "未能读取的单元格"),
    RuleInfo("IMPORT.FORMAT_2019", _W, "原报告为 2019 年格式", "原报告主动公开表采用 2019 年（试行）格式，已按最接近的现行列填入，部分数据无对应位置。", "按 2019 年格式填入及保持空白的单元格"),
    RuleInfo("IMPORT.T3_OTHER_SINGLE", _W, "“其他处理”只有一行", f"原报告依申请公开表“{_CAT['r6']}”只有一行，已填入“3.其他”，另两行保持空白。", f"依申请公开表“{_CAT['r6']}”三行的单元格"),
    RuleInfo("IMPORT.CONFLICT", _W, "同一单元格出现两个数字", "同一单元格在报告中出现两次且数字不同，已采用前者。", "该单元格"),
    # ---------------------------------------------------------------- merging units (xladdin.aggregate.merge)
    RuleInfo("MERGE.UNREADABLE", _W, "汇总时有单元格不是数字", "参与汇总的单位中有单元格不是数字，汇总时按 0 计。", "各单位工作簿中不是数字的单元格"),
    RuleInfo("MERGE.PARTLY_BLANK", _W, "部分单位未填写", "有单元格在部分单位中未填写，汇总时按 0 计。", "汇总结果中相应的单元格"),
    # ---------------------------------------------------------------- audit accuracy: statements in words, evaluators, import fidelity
    RuleInfo("NARR.SUM_PARTIAL", _W, "正文部分列举之和超过总数",
             "以“主要有”“等”列举的分项之和超过总数，可能有误。", "正文所在部分"),
    RuleInfo("NARR.ALL_DONE", _E, "正文称申请均已办结与表三不符",
             "正文称政府信息公开申请均已办结，而表三有结转下年度的申请，或办理结果总计少于本年新收与上年结转之和。",
             "正文所在部分；表三结转下年度总计、办理结果总计"),
    RuleInfo("NARR.ALL_ANSWERED", _W, "正文称申请均按期答复而有结转",
             "正文称申请均按期答复，而表三有结转下年度的申请（结转的申请可能仍在答复期限内）。",
             "正文所在部分；表三结转下年度总计、办理结果总计"),
    RuleInfo("NARR.NO_CARRY_IN", _E, "正文称无上年结转与表三不符",
             "正文称没有上年结转的申请，而表三上年结转申请总计不为 0。", "正文所在部分；表三上年结转总计"),
    RuleInfo("NARR.NO_CARRY_OUT", _E, "正文称无结转下年度与表三不符",
             "正文称没有结转下年度的申请，而表三结转下年度总计不为 0。", "正文所在部分；表三结转下年度总计"),
    RuleInfo("NARR.NO_CARRY", _W, "正文称无结转而表三有结转",
             "正文称“无结转”（未说明上年或下年），而表三上年结转或结转下年度不为 0。", "正文所在部分；表三上年结转、结转下年度总计"),
    RuleInfo("NARR.NO_FEES", _E, "正文称未收取信息处理费与基本信息不符",
             "正文称未收取信息处理费，而基本信息中信息处理费实际收取金额大于 0。", "正文所在部分；基本信息中的信息处理费实际收取金额"),
    RuleInfo("CELL.UNREAD", _W, "单元格未能读取",
             "导入时未能从原报告读取的单元格；涉及它们的合计与勾稽关系无法核对，不按 0 计算。", "未能读取的单元格"),
    RuleInfo("EVAL.DEADLINE", _W, "发布日期晚于公布期限",
             "按机关类别核对发布日期：人民政府应在次年3月31日前、部门应在次年1月31日前公布年度报告。", "基本信息“发布日期”“机关类别”"),
    RuleInfo("EVAL.DATE_YEAR", _W, "发布日期与报告年度不符",
             "发布日期应在报告年度的下一年。", "基本信息“发布日期”“报告年度”"),
    RuleInfo("EVAL.OLD_FORMAT_CITED", _W, "正文引用已废止的报告格式",
             "2021 年度及以后的报告引用国办公开办函〔2019〕60号或“年度报告格式（试行）”。", "正文所在部分"),
    RuleInfo("EVAL.FEE_AMOUNT", _W, "收费金额明显偏大",
             "表二收费金额（万元）或信息处理费金额（元）明显超出机关的合理范围，可能单位有误。",
             "主动公开表收费金额；基本信息中的信息处理费金额"),
    RuleInfo("PREV.REPEATED_TEXT", _W, "内容与上年雷同",
             "正文过半语句与上年度报告逐字相同（年份除外），列出雷同的语句。", "正文"),
    RuleInfo("PREV.JUMP", _W, "件数较上年变化五倍以上",
             "主要件数较上年增至五倍以上或减至五分之一以下（两年均不少于 10 件）。", "相应单元格"),
    RuleInfo("IMPORT.SECTION_MISSING", _E, "报告缺少规定部分",
             "导入的报告缺少规定的六个部分之一（或标题改写得无法辨认），如缺少第六部分（其他需要报告的事项）。", "正文相应部分"),
    RuleInfo("IMPORT.SECTION_TITLE", _W, "部分标题与规定格式不一致",
             "导入的报告中部分标题的文字或序号与规定格式不一致（如笔误、沿用 2019 年格式的标题）。", "正文相应部分"),
    RuleInfo("IMPORT.FORMAT_OUTDATED", _E, "采用已废止的统计表格式",
             "2021 年度及以后的报告仍采用 2019 年（试行）格式的统计表。", "基本信息“报告年度”"),
    # ---------------------------------------------------------------- files (checks.formats, the batch)
    RuleInfo("FILE.UNREADABLE", _E, "文件无法读取", "文件无法打开或不是本模板、不是可识别的年度报告。", "无"),
    RuleInfo("FILE.ANNOTATE", _E, "未能生成标注副本", "标注副本未能写入（如输出文件夹不可写）。", "无"),
)

RULE_INFO: dict[str, RuleInfo] = {r.id: r for r in CATALOGUE}

# What the rules of each id prefix are about, in the order ``nianbao check --rules`` lists them.
GROUPS = {
    "INFO": "基本信息",
    "CELL": "单元格内容",
    "T2": "主动公开政府信息情况表",
    "T3": "收到和处理政府信息公开申请情况表",
    "T4": "政府信息公开行政复议、行政诉讼情况表",
    "PREV": "与上年度报告核对",
    "NARR": "正文所述数字与表格核对",
    "EVAL": "评估要点",
    "TEXT": "正文各部分",
    "IMPORT": "导入已发布的报告",
    "MERGE": "汇总多个单位",
    "FILE": "文件",
}


def group_of(rule_id: str) -> str:
    return GROUPS.get(rule_id.split(".", 1)[0], "其他")


def rule_name(rule_id: str) -> str:
    """The rule's Chinese name, as people read it (an id outside the catalogue is shown as "其他问题")."""
    info = RULE_INFO.get(rule_id)
    return info.name if info is not None else "其他问题"


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, SEVERITY_NAMES[WARNING])


def finding(
    rule_id: str,
    message: str,
    cells: tuple[str, ...] = (),
    expected=None,
    actual=None,
    extra: dict | None = None,
    each_cell: bool = False,
) -> Finding:
    """A finding of a catalogued rule, its severity taken from the catalogue (a KeyError for an unknown id)."""
    return Finding(rule_id, RULE_INFO[rule_id].severity, message, tuple(cells), expected, actual, extra or {}, each_cell)
