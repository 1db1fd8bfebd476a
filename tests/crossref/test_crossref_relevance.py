"""Theme assignment on real passages: positives by section, lead and text; list-only negatives."""

from __future__ import annotations

import re

from generator import PROJECT_ROOT
from generator.crossref.build import CrossReference
from generator.crossref.evaluate import FIRST_RUN, evaluate, load_labels, predict
from generator.crossref.relevance import Classifier, ThemeMatcher, enumeration_spans, headings
from generator.crossref.sitecfg import read_plan, site_markdown_extensions
from generator.crossref.themes import load_themes

THEMES = load_themes(PROJECT_ROOT / "topics")
EXTENSIONS, CONFIGS = site_markdown_extensions(PROJECT_ROOT / "mkdocs.yml")
STAGE_OF = THEMES.stage_of
STAGE_RE = re.compile("|".join(sorted(map(re.escape, STAGE_OF), key=len, reverse=True)))


def reasons(xref: CrossReference, plan: str, pid: str) -> dict[str, str]:
    return {
        slug: c.judgement.reason
        for slug, result in xref.results.items()
        for c in result.citations
        if c.plan.slug == plan and c.passage.id == pid
    }


def test_section_about_the_theme(xref):
    # haidian 四（四）学前教育普及普惠安全优质发展
    # “制定实施新一期学前教育行动计划……” also sets new kindergarten places (resources)
    assert reasons(xref, "haidian", "s4-4-p2") == {"preschool": "section", "resources": "text"}
    # haidian 四（十二）建设高素质专业化创新型干部教师队伍
    assert reasons(xref, "haidian", "s4-12-p3") == {"teachers": "section"}
    # dongcheng 四（二）贯彻落实国家“双减”政策……3.注重严格监管，规范校外培训机构
    assert reasons(xref, "dongcheng", "s4-2-3-p1") == {"compulsory": "section", "double-reduction": "section"}
    # known false positives of resources and governance (labelled smart-education only): 学位供给 and
    # 决策分析、监测预警 among the data uses
    assert reasons(xref, "haidian", "s4-13-p3") == {"smart-education": "section", "resources": "text", "governance": "text"}


def test_run_in_heading_governs_following_paragraphs(xref):
    # “——坚持人才强教，干部教师队伍建设取得新进展” is a paragraph acting as a heading
    assert reasons(xref, "haidian", "s1-1-p21") == {"teachers": "lead"}
    assert reasons(xref, "haidian", "s1-1-p22") == {"teachers": "section"}
    assert reasons(xref, "haidian", "s1-1-p24") == {"teachers": "section"}


def test_own_lead_naming_another_topic_wins_over_a_run_in_heading(xref):
    # haidian “——坚持放管结合，教育发展环境实现新提升” (放管结合, governance) governs the 督导 paragraph after
    # it; the next two open with leads naming smart education and safety, which they are about
    assert reasons(xref, "haidian", "s1-1-p16") == {"governance": "lead"}
    assert reasons(xref, "haidian", "s1-1-p17") == {"governance": "section"}
    assert reasons(xref, "haidian", "s1-1-p18") == {"smart-education": "lead"}  # 促进信息技术与教育教学融合创新
    assert reasons(xref, "haidian", "s1-1-p19") == {"safety": "lead"}  # 维护校园安全稳定


def test_run_in_heading_governs_only_paragraphs_using_its_topics_words(xref):
    # haidian “——坚持生命至上，疫情防控阻击战取得新胜利” is the last run-in of the achievements: it governs
    # the epidemic paragraph after it, not the online-teaching one (no safety words) nor the closing summary
    assert reasons(xref, "haidian", "s1-1-p25") == {"safety": "lead"}
    assert reasons(xref, "haidian", "s1-1-p26") == {"safety": "section"}
    assert reasons(xref, "haidian", "s1-1-p27") == {"smart-education": "text"}  # 停课不停学
    assert reasons(xref, "haidian", "s1-1-p28") == {}  # “……之所以能取得上述成绩，根本在于……”
    assert reasons(xref, "haidian", "s1-1-p29") == {}


def test_table_heading_does_not_inherit_the_section_it_is_placed_in(xref):
    # mentougou 五（四）维护校园安全稳定 > 表3门头沟区“十四五”时期重点项目: the table lists the projects of
    # every field; each row is judged by its own name
    row = passage("mentougou", "b3-p4")
    assert [s.title for s in headings(row)] == ["门头沟区“十四五”时期重点项目"]
    assert [s.title for s in row.path][-2:] == ["维护校园安全稳定", "门头沟区“十四五”时期重点项目"]
    assert [s.title for s in headings(passage("mentougou", "s5-4-p1"))] == ["保障措施", "维护校园安全稳定"]
    # so safety can take 安全稳定 as a section word: the section's own passages are safety, the rows are not
    assert reasons(xref, "mentougou", "b3-p4") == {"teachers": "lead"}
    assert reasons(xref, "mentougou", "s5-4-p1")["safety"] == "section"
    # a kindergarten passage under “2.提供安全稳定的就园环境” is about safety too
    assert reasons(xref, "jingkai", "s3-2-2-p1") == {"preschool": "section", "safety": "section"}


def test_lead_phrase_and_table_names(xref):
    assert reasons(xref, "haidian", "s3-p3") == {"preschool": "lead"}  # ——学前教育更加普及普惠、安全优质。
    assert reasons(xref, "mentougou", "b2-p9") == {"smart-education": "lead"}  # 智慧校园覆盖率
    # an indicator about compulsory-school teachers belongs to both themes
    assert reasons(xref, "haidian", "b1-p5") == {"compulsory": "lead", "teachers": "lead"}
    assert reasons(xref, "mentougou", "b3-p4") == {"teachers": "lead"}  # 教师队伍质量提升项目


def test_own_text_about_the_theme(xref):
    # in the special-education section, but about special-education teachers' training and pay
    assert reasons(xref, "haidian", "s4-9-p4") == {"special": "section", "teachers": "text"}
    # a passage mainly about 双减 under the “人民群众的教育获得感” goal
    assert reasons(xref, "haidian", "s3-p11") == {"compulsory": "text", "double-reduction": "text"}


def test_list_of_stages_is_not_about_any_stage(xref):
    # “在教育结构上，大力发展普惠幼儿园……；强化政府统筹，实现义务教育优质均衡发展；……”
    # (labelled resources for its 空间布局 half: a known miss)
    assert reasons(xref, "haidian", "s1-2-p4") == {}
    # “加强全区学前教育、义务教育、高中教育学段学位供需研究……”: places of all stages (resources)
    assert reasons(xref, "dongcheng", "s2-4-p2") == {"resources": "text"}
    # “实现学前教育、义务教育以及中等职业教育教师的全覆盖” counts for teachers only
    assert "preschool" not in reasons(xref, "haidian", "s4-9-p4")
    assert "compulsory" not in reasons(xref, "haidian", "s4-9-p4")


def test_overview_counts_only_for_the_stage_it_dwells_on(xref):
    # huairou “2. 基本公共教育服务优质均衡水平明显提升。……学前教育……（一句）义务教育优质均衡……
    # 学生过重作业负担、校外培训负担……明显减轻” walks through the stages: one sentence on 学前
    # is a passing mention, the 义务教育 and 双减 sentences make up a good share of it
    assert reasons(xref, "huairou", "s2-3-p4") == {"compulsory": "text"}
    # huairou “目前，学前教育共有幼儿园78所……义务教育阶段小学共有19所……高中4所”: statistics of
    # each stage, a third of the text on 学前 and on 义务教育 each
    assert reasons(xref, "huairou", "s1-1-p4") == {"preschool": "text", "compulsory": "text"}


def test_other_stage_section_is_left_out_for_a_stage_theme(xref):
    # under 5.保障特殊教育优质全面发展: “巩固提高残疾儿童少年义务教育普及水平。……” is special education
    assert reasons(xref, "huairou", "s3-3-5-p2") == {"special": "section"}
    # under （七）特殊教育整合创新发展: “……布局设置2-3所公办或普惠性幼儿园开展特殊儿童学前融合教育”
    assert reasons(xref, "jingkai", "s3-7-1-p1") == {"special": "section"}
    # … unless the passage's lead names this stage's topic and no other stage topic: under jingkai
    # 2.增强高等教育辐射力, “利用高校资源辐射，加强特色高中建设。……” is high school (the lead above names
    # special education as well: 残疾儿童少年)
    assert reasons(xref, "jingkai", "s3-5-2-p1") == {"highschool": "lead"}
    # teachers is not a stage theme: special-education teachers' training still counts
    # its lead “加强特殊教育师资和基础设施建设” is about 设施建设 too (resources)
    assert reasons(xref, "huairou", "s3-3-5-p1") == {"special": "section", "teachers": "lead", "resources": "lead"}


def test_school_places_belong_to_the_stages_they_name(xref):
    # lead about places: “山区、平原中小学闲置问题突出，学位、空间资源浪费比较严重。……其中九年一贯制
    # 学校1所、初中2所、小学7所……” names primary schools, no kindergarten
    assert reasons(xref, "huairou", "s1-2-2-p1") == {"compulsory": "lead", "resources": "section"}
    # heading about places (“2.教育布局结构性矛盾比较突出，学位供给不均衡。”); the science-city
    # passage names both stages (“其中……初中2所、小学3所、幼儿园3所”)
    assert reasons(xref, "huairou", "s1-2-2-p3") == {"preschool": "section", "compulsory": "section", "resources": "section"}
    # “目前，学前教育共有幼儿园78所……在园幼儿10988人，其中公办园幼儿6698人、占比61%” (no heading
    # about places): 占比 counts next to the stage, the statistics sentence is about 学前 throughout
    assert reasons(xref, "huairou", "s1-1-p4")["preschool"] == "text"
    # project row “基础教育学位建设项目 | ……新建幼儿园3所、启动改扩建小学1所、启动新建小学2所。”
    assert reasons(xref, "mentougou", "b3-p1") == {"preschool": "lead", "compulsory": "lead", "resources": "lead"}
    # facility table rows: a primary school, a kindergarten; an international school is neither
    # (every row of the facility plan is resources by its table heading)
    assert reasons(xref, "huairou", "fj1-p2") == {"compulsory": "lead", "resources": "section"}  # 10街区小学
    assert reasons(xref, "huairou", "fj1-p6") == {"preschool": "lead", "resources": "section"}  # 10街区第一幼儿园
    assert reasons(xref, "huairou", "fj1-p4") == {"resources": "section", "opening": "lead"}  # 科学城国际学校新建
    # a rural-schools passage under a layout heading: “均衡布局中心幼儿园和中心小学” lists the stages
    assert reasons(xref, "huairou", "s3-6-2-p3") == {"compulsory": "lead", "resources": "section"}  # 大力支持乡村学校……
    # a layout passage that only lists 中小学、幼儿园 among its plans is about neither
    assert reasons(xref, "haidian", "s4-3-p3").keys() <= {"compulsory", "resources"}
    assert "preschool" not in reasons(xref, "haidian", "s4-3-p3")


def test_lower_and_upper_secondary_together_name_no_high_school(xref):
    # “初高中”, “初、高中” (in _taxonomy.yml under the umbrella 中学) are both halves of secondary school:
    # “城区初、高中学位总体满足……” and “……打造成为初高中一体……完全中学” are places of the primary and
    # middle schools they go on about, not of the 高中 stage
    assert reasons(xref, "huairou", "s1-2-2-p2") == {"compulsory": "lead", "resources": "section"}
    assert reasons(xref, "huairou", "s3-6-2-p2") == {"preschool": "lead", "compulsory": "lead", "resources": "section"}
    highschool = matcher("highschool")
    assert not highschool.names_theme("城区初、高中学位总体满足近3—5年内入学需求")
    assert not highschool.names_theme("打造成为初高中一体的完全中学")
    assert highschool.names_theme("高中学位总体满足入学需求")


def test_vocational_and_special_school_names_are_stage_names():
    # 职业学校, 职业院校, 职业高中 name the vocational stage; 高中 inside 职业高中 is no high school
    assert STAGE_OF["职业高中"] == STAGE_OF["职业院校"] == STAGE_OF["职业学校"] == "职业教育"
    assert STAGE_OF["培智学校"] == "特殊教育"
    assert not matcher("highschool").names_theme("加强职普融通，促进职业高中转型发展")
    assert matcher("vocational").names_theme("促进职业高中转型发展")
    # a list of school types is an enumeration, and a sentence about 职业学校 is one about the stage
    assert spans_of("普通高中、职业高中协调发展") == ["普通高中、职业高中"]
    vocational = matcher("vocational")
    text = "职业学校开设专业28个，在校学生3100人。"
    assert vocational.stage_sentences(text) == [(0, len(text))]


def test_first_clause_acts_as_lead_when_the_first_sentence_is_long(xref):
    # “深化学区制教育综合改革，完善学院制育人机制，……”
    # “深化学区制教育综合改革” names 综合改革 too (governance)
    assert reasons(xref, "dongcheng", "s3-1-3-p1") == {"compulsory": "lead", "resources": "lead", "governance": "lead"}
    # “优化教育集团化、学区制布局，创新同学段校际间……”
    assert reasons(xref, "jingkai", "s4-3-2-p1") == {"compulsory": "lead", "resources": "section"}


def test_sub_heading_naming_another_topic_across_stages_wins(xref):
    # dongcheng （二）……实现东城区德育工作新提升 > 3.……劳动教育 / 4.……家校社共育: the chapter names 德育,
    # the nearer sub-heading names another topic and not 德育
    assert reasons(xref, "dongcheng", "s3-2-3-p1") == {"wellbeing": "section"}
    assert reasons(xref, "dongcheng", "s3-2-4-p1") == {"family": "section"}
    assert reasons(xref, "dongcheng", "s3-2-2-p1") == {"moral": "section"}  # 2. names 德育 itself
    # （十）……构建现代化教育治理体系 > 4.坚持安全第一，继续推进平安校园建设工作
    assert reasons(xref, "dongcheng", "s3-10-4-p1") == {"safety": "section"}
    # a sub-heading naming nothing keeps the chapter's topic (5.开展普法教育……)
    assert reasons(xref, "dongcheng", "s3-10-5-p1") == {"governance": "section"}
    # stage topics: a nearer heading naming another stage (topic) only; topics across stages do not
    # count for them (jingkai 中小学教育 chapter > 3.培养拔尖创新人才 stays compulsory)
    assert reasons(xref, "dongcheng", "s3-5-5-p1") == {"vocational": "section"}  # 5.……促进职业高中…… under 高中阶段
    assert reasons(xref, "huairou", "s3-4-2-p1") == {"lifelong": "section"}  # 完善终身教育制度…… under 职业教育
    assert "vocational" not in reasons(xref, "jingkai", "s3-5-2-p2")  # 2.增强高等教育辐射力 under 高等教育产教融合
    assert reasons(xref, "jingkai", "s3-5-1-p1")["vocational"] == "section"  # 1.多方合力深化产教融合……
    assert reasons(xref, "jingkai", "s3-3-3-p1") == {"compulsory": "section", "innovation": "section"}


def test_own_lead_naming_another_topic_wins_when_the_text_has_none_of_the_chapters_words(xref):
    # haidian （十四）完善教育治理体系: “持续推进跨区域教育帮扶与交流。……” has no governance words and a
    # lead naming 跨区域 (opening); mentougou （六）……治理体系现代化: “健全……学校家庭社会共育体系。”
    assert reasons(xref, "haidian", "s4-14-p8") == {"resources": "text", "opening": "lead"}
    assert reasons(xref, "mentougou", "s4-6-p2") == {"family": "lead"}
    # under the run-in “——坚持系统设计，教育综合改革释放新活力”: “深化集团化办学改革。” (resources)
    assert reasons(xref, "haidian", "s1-1-p14") == {"compulsory": "lead", "resources": "lead"}
    assert reasons(xref, "haidian", "s1-1-p13")["governance"] == "section"
    # a lead naming another topic in a passage that does use the chapter's words keeps the chapter:
    # “深化学区制3.0版改革。……建立学区发展评价体系……” stays governance
    assert reasons(xref, "haidian", "s4-14-p4") == {"compulsory": "lead", "resources": "lead", "governance": "section"}


def test_other_stage_inside_a_theme_section_is_left_out(xref):
    # jingkai 三（三）中小学教育公平优质发展: the 选课走班 paragraph is about 普通高中
    assert reasons(xref, "jingkai", "s3-3-2-p1") == {"compulsory": "section"}
    assert reasons(xref, "jingkai", "s3-3-2-p2") == {"highschool": "text"}


def test_ignored_phrase_hides_a_stage_name_too(xref):
    # jingkai 附件1 row 9 “教育对外交流合作窗口建设项目 | ……提高中外合作办学质量……”: 高中 in 提高中外 (an
    # ignore_terms phrase of highschool) names no high school, so the 建设项目 lead is no high-school supply
    highschool = matcher("highschool")
    assert [m.group(0) for m in highschool.stage_names("提高中外合作办学质量，办好高中")] == ["高中"]
    assert reasons(xref, "jingkai", "fj1-p9") == {"opening": "lead"}


def test_ignored_phrase_does_not_make_a_passage_about_teachers(xref):
    # “探索试行党组织领导的校长负责制……” is about school governance
    # (it is party work; also labelled moral for 思想进课堂: a known miss)
    assert reasons(xref, "jingkai", "s3-1-1-p2") == {"party": "section"}


def test_school_groups_and_rural_schools_are_compulsory_education(xref):
    # project row “基础教育质量提升项目 | 推动名校办分校、集团化办学、教育联盟……一体化学校……”
    # (a known false positive of resources: labelled compulsory only)
    assert reasons(xref, "mentougou", "b3-p7") == {"compulsory": "text", "resources": "text"}
    # project row “美丽乡村学校建设 | 分析乡村学校现状，补齐农村教育短板……”
    # (also labelled resources: a known miss; 学校建设 would also claim 特色学校建设 leads)
    assert reasons(xref, "huairou", "fj2-p7") == {"compulsory": "lead"}
    # “……基础教育设施……以就近入学为基本原则……合理确定基础教育设施布局”
    assert reasons(xref, "huairou", "s3-6-1-p1") == {"compulsory": "text", "resources": "section"}
    # a long review: 一体化办学, 学区制 and 集团化办学 run through it beside teacher reforms
    # its run-in heading “——教育综合改革取得新突破” makes it governance too
    assert reasons(xref, "huairou", "s1-1-p8") == {"compulsory": "text", "teachers": "text", "governance": "lead"}
    # “以学区、集团为载体”, but most of it is about governance: still below the bar for compulsory
    assert reasons(xref, "haidian", "s4-14-p3") == {"governance": "section"}
    # cross-district cooperation “在办学模式、师资培养、教育教学……等方面跨区域合作联动” is opening only
    # (also labelled resources: a known miss)
    assert reasons(xref, "mentougou", "s4-2-p2") == {"opening": "text"}


def test_digital_resources_and_programming_are_smart_education(xref):
    # project row “中小学编程教育行动计划 | ……”
    assert reasons(xref, "huairou", "fj2-p5") == {"innovation": "lead", "smart-education": "lead"}
    # “……加大开发数字化学习资源的力度……终身学习网络平台” (under 终身教育, not a stage theme)
    assert reasons(xref, "jingkai", "s3-6-2-p1") == {"lifelong": "section", "smart-education": "text"}
    # “健全区域家庭教育网络化平台” is family education: 网络化 alone names no theme
    assert reasons(xref, "dongcheng", "s4-6-2-p1") == {"family": "section"}


def test_talent_work_heading_is_about_teachers(xref):
    # dongcheng “6.坚持党管人才，全面提升队伍质量”
    # under the party chapter, but its own heading names only teachers (党管人才), so it is not party by
    # section (labelled party too: a known miss); governance is a known false positive
    assert reasons(xref, "dongcheng", "s4-1-6-p1") == {"teachers": "section", "governance": "text"}


def test_governance_vocabulary_follows_its_scope_line(xref):
    # 体制机制综合改革: mentougou “4.坚持深化综合改革，……” (a heading); 高考综合改革 inside a high-school
    # passage is no heading or lead and stays high school
    assert reasons(xref, "mentougou", "s1-2-4-p1") == {"smart-education": "text", "governance": "section"}
    assert reasons(xref, "jingkai", "s3-3-2-p2") == {"highschool": "text"}
    # 智能教育治理 is governance too: dongcheng “完善东城教育“1314”智能教育治理体系……”
    assert reasons(xref, "dongcheng", "s3-8-2-p1") == {"smart-education": "section", "governance": "text"}
    # 教育决策与监测: the plan's own monitoring and 督导 (huairou 五、规划实施); 教育管理 in a lead
    assert reasons(xref, "huairou", "s5-p2") == {"governance": "text"}
    assert reasons(xref, "mentougou", "s4-4-p3") == {"smart-education": "section", "governance": "lead"}
    # “贯彻落实党中央决策部署” is carrying out decisions, not education decision-making
    governance = matcher("governance")
    assert [h.term for h in governance.hits("坚决贯彻落实党中央决策部署和市区防控要求")] == []
    assert reasons(xref, "dongcheng", "s1-1-p8") == {"party": "text", "safety": "text"}  # (labelled governance: a miss)


def test_supply_words_of_resources(xref):
    # 校舍设施建设 and 优质资源供给 in leads
    assert reasons(xref, "huairou", "s3-3-2-p1") == {"compulsory": "section", "resources": "lead"}  # 持续强化优质资源供给体系
    assert reasons(xref, "mentougou", "s3-4-p1") == {"compulsory": "section", "resources": "lead"}  # 持续强化优质资源供给
    # “扩大老年教育资源供给” is lifelong education's supply, a 家长学校 no school building
    assert reasons(xref, "jingkai", "s3-6-3-p1") == {"lifelong": "section"}
    assert reasons(xref, "haidian", "fj2-p2") == {"family": "lead"}  # 家长学校建设


def test_scope_words_of_smaller_topics(xref):
    # double-reduction: 校外培训机构治理与监管 (huairou's 民办教育 passage with its block on 学科类校外培训机构)
    assert reasons(xref, "huairou", "s3-9-1-p2") == {"governance": "section", "double-reduction": "text"}
    # funding: 教育优先发展 beside 教育投入 and 教育经费投入583亿元
    assert reasons(xref, "haidian", "s1-1-p3") == {"funding": "text"}
    # moral: 红色基因 in a heading
    assert reasons(xref, "mentougou", "s1-2-1-p1") == {"moral": "section", "party": "section"}
    # family: 社会资源育人 through 文化馆、图书馆、博物馆、科技馆……; venues used for red education stay moral
    assert reasons(xref, "huairou", "s3-8-1-p1") == {"family": "text"}
    assert reasons(xref, "mentougou", "s4-1-p1") == {"moral": "text"}
    assert reasons(xref, "jingkai", "s3-6-1-p1") == {"lifelong": "section"}  # 开放……体育馆、图书馆 to citizens
    # party: “加强党对教师队伍建设的领导。” names party leadership; “坚持党管干部，党管人才” as a clause does not
    assert reasons(xref, "huairou", "s3-5-2-p1") == {"teachers": "section", "party": "lead"}
    assert reasons(xref, "haidian", "s1-1-p22") == {"teachers": "section"}


def matcher(slug: str) -> ThemeMatcher:
    return next(m for m in Classifier(THEMES).matchers if m.theme.slug == slug)


def test_generic_words_are_no_context_terms_of_the_later_stages(xref):
    # 学校 (itself the umbrella stage 中小学) and 质量 follow every stage name; next to “13个高中中外合作办学
    # 项目” or “普通高中新课程新教材实施国家级示范区” in a list of pilot zones they made the passage high school
    assert reasons(xref, "haidian", "s1-1-p11") == {"opening": "text"}
    assert reasons(xref, "haidian", "s4-14-p2") == {"governance": "section"}
    assert reasons(xref, "jingkai", "s2-2-p4") == {}  # “……职业教育与普通教育……融通” among the goals
    for slug in ("highschool", "vocational", "special"):
        assert not {"学校", "质量"} & THEMES.get(slug).context_terms


def test_context_terms_count_only_next_to_the_stage():
    compulsory = matcher("compulsory")
    # 学位 after 小学 in the same sentence counts; in a sentence about something else it does not
    hits = compulsory.hits("新建小学2所，增加学位960个。提高学位论文质量。")
    assert sorted((h.start, h.term) for h in hits) == [(0, "新建"), (2, "小学"), (9, "学位")]
    # a stage listed among others anchors nothing: “中小学、幼儿园布局” is an enumeration
    assert [(h.term, h.listed) for h in compulsory.hits("有序推进各中小学、幼儿园布局进一步整合优化。")] == [("中小学", True)]
    # table cells are sentences of their own: 新建 in the works column is not next to a school name
    assert [h.term for h in compulsory.hits("科学城国际学校新建 | 新建教学、办公及辅助用房")] == ["新建"]


def test_stage_name_inside_a_longer_one_does_not_name_the_theme():
    compulsory = matcher("compulsory")
    assert compulsory.names_theme("怀柔区第七小学新建")
    assert not compulsory.names_theme("全面加强中小学劳动教育")
    assert not compulsory.names_theme("大中小学思政课一体化建设")


def test_stage_name_inside_a_longer_name_of_the_same_stage_still_names_it():
    # mentougou 表1/表2 “中等职业教育“双师型”教师比例（%）”: 中等职业 (a section term, no stage name) is
    # part of 中等职业教育, a name of the vocational stage itself
    vocational = matcher("vocational")
    assert vocational.names_theme("中等职业教育“双师型”教师比例（%）")
    # … while the same words inside another stage's longer name still do not count
    assert not matcher("compulsory").names_theme("中小学教师配比")


def test_stage_sentences_need_the_stage_as_topic():
    compulsory = matcher("compulsory")
    text = "义务教育阶段小学共有19所，开设班级522个，在校学生17569人。高中4所，在校学生3644人。"
    assert [text[s:e] for s, e in compulsory.stage_sentences(text)] == ["义务教育阶段小学共有19所，开设班级522个，在校学生17569人。"]
    # the stage mentioned late in a long sentence does not make the sentence its own
    assert compulsory.stage_sentences("教育综合改革成果让百姓有获得感，先后获评全国推进义务教育均衡发展工作先进地区。") == []


def passage(plan: str, pid: str):
    from generator.crossref.passages import extract_passages

    found = extract_passages(read_plan(PROJECT_ROOT / "docs" / "plans" / f"{plan}.md"), EXTENSIONS, CONFIGS)
    return next(p for p in found if p.id == pid)


def test_coverage_needed_depends_on_overview_and_vocabulary():
    compulsory = matcher("compulsory")
    review = passage("huairou", "s1-1-p8").text  # rich in 学区制, 集团化办学, 一体化办学
    judgement = compulsory.judge(passage("huairou", "s1-1-p8"))
    assert judgement.score >= 16 and 0.2 <= judgement.coverage < 0.25
    assert compulsory.min_coverage(review, judgement.score) == 0.2
    assert compulsory.min_coverage(review, 8.0) == 0.25
    # “学前教育……义务教育……高中阶段教育……” surveys the stages: a third of it is needed whatever the score
    survey = passage("huairou", "s2-3-p4").text
    assert compulsory.is_overview(survey)
    assert compulsory.min_coverage(survey, 30.0) == 0.3


def test_coverage_is_a_share_of_the_text(xref):
    # jingkai 专栏 row “4 | 残疾青少年高中教育入学率 | — | ≥70”: the stage sentence (up to the cell's end)
    # and the clause (on across it) overlap; they count once, so coverage stays a share (it was 1.58)
    row = passage("jingkai", "s2-2-zl1-p4")
    highschool = matcher("highschool")
    judgement = highschool.judge(row)
    assert judgement.coverage == 1.0
    assert all(0 <= j.coverage <= 1 for result in xref.results.values() for c in result.citations for j in [c.judgement])


def spans_of(text: str) -> list[str]:
    return [text[s:e] for s, e in enumeration_spans(text, STAGE_RE, STAGE_OF)]


def test_enumeration_spans():
    assert spans_of("学前教育、义务教育、普通高中教育全覆盖，大力发展普惠幼儿园") == ["学前教育、义务教育、普通高中"]
    assert spans_of("区内中小学、幼儿园配备全部达标") == ["中小学、幼儿园"]
    assert spans_of("统筹规划布局从高质量学前教育到高中教育阶段") == ["学前教育到高中"]
    # a conjunction may carry a short modifier of the second name (“中心”, “公办”) …
    assert spans_of("结合镇域规划，均衡布局中心幼儿园和中心小学。") == ["幼儿园和中心小学"]
    # … a list comma may not: “第三实验学校、第七小学” names schools, not stages in turn
    assert spans_of("加快推进第三实验学校、第七小学等项目建设") == []
    # names of one stage side by side are not an enumeration
    assert spans_of("学前教育、幼儿园") == []
    assert spans_of("推动学前教育普及普惠") == []


def test_fields_of_education_side_by_side_are_a_list(xref):
    # huairou “中小学学生在多项国家、市级体育科技艺术竞赛中获得佳绩。中、高考质量稳步提升……”: 体育 among
    # 科技 and 艺术 names no wellbeing topic (the lead) and weighs nothing
    assert "wellbeing" not in reasons(xref, "huairou", "s1-1-p7")
    wellbeing = matcher("wellbeing")
    assert not wellbeing.names_theme("中小学学生在多项国家、市级体育科技艺术竞赛中获得佳绩")
    assert [(h.term, h.listed) for h in wellbeing.hits("发挥好校外教育在促进学生美育、科技、体育等方面的作用")] == [
        ("美育", True),
        ("体育", True),
    ]
    # names of one field side by side are not a list: 体育、艺术、劳动教育 are all wellbeing's
    assert wellbeing.names_theme("中小学校体育、艺术、劳动教育教师配比率")
    assert reasons(xref, "jingkai", "s2-2-zl1-p13") == {"teachers": "lead", "wellbeing": "lead"}
    # a long list of fields still leaves the concrete achievements (足球, 冰雪 …) of haidian's passage
    assert reasons(xref, "haidian", "s1-1-p7") == {"wellbeing": "text"}


def test_sub_topics(xref):
    preschool = {c.passage.id: c.subtopic for c in xref.results["preschool"].citations if c.plan.slug == "haidian"}
    assert preschool["s4-4-p4"] == "safety"  # 完善督评体制，提升区域学前教育规范水平
    assert preschool["s4-4-p3"] == "quality"  # 加强内涵建设……科学保教
    teachers = {c.passage.id: c.subtopic for c in xref.results["teachers"].citations if c.plan.slug == "haidian"}
    assert teachers["s4-12-p2"] == "ethics"  # 提升干部教师思想政治素质和师德师风水平


def test_main_sections(xref):
    main = {slug: {p: (m.section.id if m else None) for p, m in r.main_sections.items()} for slug, r in xref.results.items()}
    assert main["preschool"] == {"dongcheng": "s3-3", "haidian": "s4-4", "huairou": "s3-3-1", "jingkai": "s3-2", "mentougou": "s3-3"}
    assert main["compulsory"]["haidian"] == "s4-5"
    assert main["compulsory"]["dongcheng"] == "s3-4"
    assert main["teachers"] == {"dongcheng": "s3-7", "haidian": "s4-12", "huairou": "s3-5", "jingkai": "s4-4", "mentougou": "s4-3"}
    # huairou （七）…推进教育与现代科技深度融合发展: its three sub-headings name the theme
    assert main["smart-education"]["huairou"] == "s3-7"
    dongcheng = xref.results["smart-education"].main_sections["dongcheng"]
    assert dongcheng.section.id == "s4-3"
    assert [s.id for s, _ in dongcheng.others][:1] == ["s3-8"]


def test_hand_labels_stay_above_the_agreed_floor():
    """Regression guard on the hand-labelled plans (the numbers themselves: docs/about/data.md / evaluate)."""
    labels = dict(load_labels(p) for p in sorted((PROJECT_ROOT / "tests" / "data" / "labels").glob("*.yml")) if p != FIRST_RUN)
    assert sorted(labels) == ["dongcheng", "haidian", "huairou", "jingkai", "mentougou"]
    predicted = predict(THEMES, PROJECT_ROOT / "docs" / "plans", labels, EXTENSIONS, CONFIGS)
    for plan, passages in labels.items():
        assert set(passages) == set(predicted[plan]), f"{plan}: labelled ids no longer match the plan"
    result = evaluate(labels, predicted, [t.slug for t in THEMES.themes])
    assert len(result) == 19
    for slug, counts in result.items():
        assert counts.precision >= 0.90, (slug, counts.precision)
        assert counts.recall >= RECALL_FLOOR.get(slug, 0.90), (slug, counts.recall)


#: recall floors: 0.95 for the four topics tuned first, 0.90 for the rest, except the topics whose
#: labelled positives the rules do not reach without fitting single passages (their remaining misses
#: are the labellers' broader readings: 一体化办学 as cross-district cooperation, 校外教育 as social
#: resources, 立德树人 in party passages, long demand statements …); these guard against regression
RECALL_FLOOR = {
    "preschool": 0.95,
    "compulsory": 0.95,
    "teachers": 0.95,
    "smart-education": 0.95,
    "lifelong": 0.86,
    "moral": 0.78,
    "family": 0.77,
    "resources": 0.83,
    "governance": 0.84,
    "opening": 0.74,
}


def test_evaluate_command_restricted_to_some_plans(capsys):
    from generator.crossref.evaluate import main

    assert main(["--only", "huairou,jingkai"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "标注：huairou、jingkai（297 段）"
    assert [line.split()[0] for line in out[2:]] == [t.slug for t in THEMES.themes]
    assert main(["--only", "chaoyang"]) == 2
    assert "没有规划 chaoyang 的标注文件" in capsys.readouterr().err
