"""The catalogue of rules: every rule id a finding can carry, with its severity and Chinese name.

Severity policy: an error (``ERROR``) only where the report is certainly wrong — it blocks the Word
export and sends a unit back to redo its report; anything that depends on reading the text's intent
is a reminder (``WARNING``) unless the numbers leave no other reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import ERROR, WARNING


@dataclass(frozen=True)
class RuleInfo:
    id: str  # stable, e.g. "T3.ROW_TOTAL"
    severity: str  # checks.findings.ERROR | WARNING
    name: str  # short formal Chinese name shown to people
    description: str  # one Chinese sentence: what it checks
    cells: str  # which cells it names, in Chinese


CATALOGUE: tuple[RuleInfo, ...] = (
    # ---- issue 13 (audit accuracy): the text's own sums, statements in words, import fidelity, evaluators
    RuleInfo("NARR.SUM", ERROR, "正文分项之和与总数不符",
             "正文“共 N，其中／包括／分别为……”列举的分项之和超过总数，或完整列举（含“其他”、全部结果或互补的各类）而不等于总数；属性性质的分项不相加。",
             "正文所在部分"),
    RuleInfo("NARR.SUM_PARTIAL", WARNING, "正文部分列举之和超过总数",
             "以“主要有”“等”列举的分项之和超过总数，可能有误。", "正文所在部分"),
    RuleInfo("NARR.ALL_DONE", ERROR, "正文称申请均已办结与表三不符",
             "正文称政府信息公开申请均已办结，而表三有结转下年度的申请，或办理结果总计少于本年新收与上年结转之和。",
             "正文所在部分；表三结转下年度总计、办理结果总计"),
    RuleInfo("NARR.ALL_ANSWERED", WARNING, "正文称申请均按期答复而有结转",
             "正文称申请均按期答复，而表三有结转下年度的申请（结转的申请可能仍在答复期限内）。",
             "正文所在部分；表三结转下年度总计、办理结果总计"),
    RuleInfo("NARR.NO_CARRY_IN", ERROR, "正文称无上年结转与表三不符",
             "正文称没有上年结转的申请，而表三上年结转申请总计不为 0。", "正文所在部分；表三上年结转总计"),
    RuleInfo("NARR.NO_CARRY_OUT", ERROR, "正文称无结转下年度与表三不符",
             "正文称没有结转下年度的申请，而表三结转下年度总计不为 0。", "正文所在部分；表三结转下年度总计"),
    RuleInfo("NARR.NO_CARRY", WARNING, "正文称无结转而表三有结转",
             "正文称“无结转”（未说明上年或下年），而表三上年结转或结转下年度不为 0。", "正文所在部分；表三上年结转、结转下年度总计"),
    RuleInfo("NARR.NO_FEES", ERROR, "正文称未收取信息处理费与基本信息不符",
             "正文称未收取信息处理费，而基本信息中信息处理费实际收取金额大于 0。", "正文所在部分；基本信息中的信息处理费实际收取金额"),
    RuleInfo("NARR.NO_APPEALS", ERROR, "正文称未发生复议诉讼与表四不符",
             "正文称未发生政府信息公开行政复议、行政诉讼，而表四相应总计不为 0。", "正文所在部分；表四相应总计"),
    RuleInfo("CELL.UNREAD", WARNING, "单元格未能读取",
             "导入时未能从原报告读取的单元格；涉及它们的合计与勾稽关系无法核对，不按 0 计算。", "未能读取的单元格"),
    RuleInfo("EVAL.DEADLINE", WARNING, "发布日期晚于公布期限",
             "按机关类别核对发布日期：人民政府应在次年3月31日前、部门应在次年1月31日前公布年度报告。", "基本信息“发布日期”“机关类别”"),
    RuleInfo("EVAL.DATE_YEAR", WARNING, "发布日期与报告年度不符",
             "发布日期应在报告年度的下一年。", "基本信息“发布日期”“报告年度”"),
    RuleInfo("EVAL.OLD_FORMAT_CITED", WARNING, "正文引用已废止的报告格式",
             "2021 年度及以后的报告引用国办公开办函〔2019〕60号或“年度报告格式（试行）”。", "正文所在部分"),
    RuleInfo("EVAL.FEE_AMOUNT", WARNING, "收费金额明显偏大",
             "表二收费金额（万元）或信息处理费金额（元）明显超出机关的合理范围，可能单位有误。",
             "主动公开表收费金额；基本信息中的信息处理费金额"),
    RuleInfo("PREV.REPEATED_TEXT", WARNING, "内容与上年雷同",
             "正文过半语句与上年度报告逐字相同（年份除外），列出雷同的语句。", "正文"),
    RuleInfo("PREV.JUMP", WARNING, "件数较上年变化五倍以上",
             "主要件数较上年增至五倍以上或减至五分之一以下（两年均不少于 10 件）。", "相应单元格"),
    RuleInfo("IMPORT.SECTION_MISSING", ERROR, "报告缺少规定部分",
             "导入的报告缺少规定的六个部分之一（或标题改写得无法辨认），如缺少第六部分（其他需要报告的事项）。", "正文相应部分"),
    RuleInfo("IMPORT.SECTION_TITLE", WARNING, "部分标题与规定格式不一致",
             "导入的报告中部分标题的文字或序号与规定格式不一致（如笔误、沿用 2019 年格式的标题）。", "正文相应部分"),
    RuleInfo("IMPORT.FORMAT_OUTDATED", ERROR, "采用已废止的统计表格式",
             "2021 年度及以后的报告仍采用 2019 年（试行）格式的统计表。", "基本信息“报告年度”"),
)

RULE_INFO: dict[str, RuleInfo] = {r.id: r for r in CATALOGUE}
