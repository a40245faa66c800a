//! Issue 13: paragraph repair on pages unlike the sample — credits, headlines, list
//! markers after split numbers, tokens split by the column, law text, and `fix`
//! deciding the layout once. Real sentences; each case failed on the engine before.

use jiaodui_core::engine::{self, RuleId, Settings};

fn fix(input: &str) -> String {
    engine::fix(input, &Settings::default())
}

/// A column of 12 ems: body lines 12 glyphs wide, first lines 10 (indent dropped).
const COLUMN_BEFORE: &str = "开展慈善活动，应当遵循合法、\n自愿、诚信、非营利的原则，不得\n违背社会公德，不得危害国家安\n全、损害社会公共利益和他人合\n法权益。";

#[test]
fn a_credit_after_the_final_stop_ends_the_paragraph() {
    let want = "开展慈善活动，应当遵循合法、自愿、诚信、非营利的原则，不得违背社会公德，不得危害国家安全、损害社会公共利益和他人合法权益。（杨辉）\n保理合同中基础合同的有效性辨析\n";
    // On the same line, on its own line, and with its `（` dangling above.
    for tail in ["（杨辉）\n", "\n（杨辉）\n", "（\n杨辉）\n"] {
        let page = format!("{COLUMN_BEFORE}{tail}保理合同中基础合同的有效性辨析\n");
        assert_eq!(fix(&page), want, "{page}");
    }
}

#[test]
fn a_two_line_headline_becomes_one_line() {
    let page = "委员会的组成人员应当具备相应的\n专业知识和工作能力。\n城市更新让老街\n焕发新活力\n老街改造以来，居民的生活条件\n明显改善，街道两旁的商铺也多\n了起来，游客络绎不绝，社区的\n面貌焕然一新。\n";
    assert_eq!(
        fix(page),
        "委员会的组成人员应当具备相应的专业知识和工作能力。\n城市更新让老街焕发新活力\n老街改造以来，居民的生活条件明显改善，街道两旁的商铺也多了起来，游客络绎不绝，社区的面貌焕然一新。\n"
    );
}

/// A headline the column cut inside a Latin word is one headline: no line ends
/// mid-word, whatever its width says.
#[test]
fn a_headline_cut_inside_a_latin_word_is_one_line() {
    let page = "尽管该仓库提供软件包较新\n的版本，APT也只会在给出明确\n指令的情况下安装它们：\n如何使 Debi\nan 系统保持最新？\n最直接的方法是进入Debian\n档案站点，在各种目录中找到需\n要的文件，下载它，最后用dpkg\n进行安装。\n";
    let fixed = fix(page);
    let lines: Vec<&str> = fixed.lines().collect();
    assert_eq!(lines.len(), 3, "{fixed}");
    assert!(
        lines[1].starts_with("如何使 Debi") && lines[1].ends_with("an 系统保持最新？"),
        "{fixed}"
    );
}

/// A short first line is no section title when the next line's Latin word did not
/// fit after it, or when it leaves a bracket open: the paragraph runs on.
#[test]
fn a_first_line_stopped_short_by_a_latin_word_is_no_title() {
    let page = "否经过人为修改。如果\n两个校验和相同，授权\n脚本更改配置文件。否\n则，文件被改过，询问采\n取什么行动（安装新文\n件，保存旧文件，或者尝\n试把新更改集成到已有\n文件内）。这种预警原则\n长久以来是Debian的特\n性，但是现在其他的发\n行版也开始渐渐采取这\n种做法。\nucf程序（在\nDebian中拥有同名的软\n件包）能用于实施这种\n行为。\n";
    let fixed = fix(page);
    assert!(
        fixed.ends_with("种做法。\nucf程序（在Debian中拥有同名的软件包）能用于实施这种行为。\n"),
        "{fixed}"
    );
}

/// A title of two unpunctuated lines (no headline type, no blank line between)
/// over a paragraph whose first line lost its indent is one title line.
#[test]
fn an_unpunctuated_title_in_two_lines_is_one_line() {
    let page = "很多人觉得这种方式太耗时\n间了，因为Debian更新得实在太\n快——每周一般有数十个或更多\n的软件包被上传。新版本发布前\n这个数字可能更大。为了处理大\n量更新的软件包，许多人倾向于\n使用更加自动化的方法。有多个\n不同的软件包可以实现这一目的：\n\n对于网络店铺客服\n的行为店铺应当负责\n李某在M书店经营的网\n络店铺付款22172元购买书\n籍，因该电商平台关联的银\n行账户额度所限，经与店铺\n客服沟通后，李某通过平台\n付款10172元，向店铺客服\n赵某微信转账12000元。\n";
    let fixed = fix(page);
    let lines: Vec<&str> = fixed.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{fixed}");
    assert_eq!(lines[1], "对于网络店铺客服的行为店铺应当负责", "{fixed}");
    assert!(lines[2].starts_with("李某在M书店"), "{fixed}");
}

#[test]
fn a_list_marker_after_a_split_number_is_no_paragraph_start() {
    let page = "县里为每户发放补助资金300\n0、乡里再配套一部分资金，用\n于改善农户的居住条件和生活\n环境，受到群众普遍欢迎。\n";
    assert_eq!(
        fix(page),
        "县里为每户发放补助资金3000、乡里再配套一部分资金，用于改善农户的居住条件和生活环境，受到群众普遍欢迎。\n"
    );
}

#[test]
fn a_number_split_by_the_column_is_joined() {
    let page = "今年以来全县的粮食产量同比增长87．\n5％，农民人均可支配收入也有\n了明显的提高，群众的获得感\n不断增强，生活越来越好了。\n";
    assert_eq!(
        fix(page),
        "今年以来全县的粮食产量同比增长87．5％，农民人均可支配收入也有了明显的提高，群众的获得感不断增强，生活越来越好了。\n"
    );
}

#[test]
fn the_space_after_a_law_article_number_is_print() {
    let law = "第一条　为了发展慈善事业，弘扬慈善文化，规范慈善活动，保护慈善组织、捐赠人、志愿者、受益人等慈善活动参与者的合法权益，促进社会进步，共享发展成果，制定本法。\n第三章　法律责任\n";
    let found = engine::check(law, &Settings::only(&[RuleId::SpuriousSpace]));
    assert!(found.is_empty(), "{found:?}");
    // Between two words of running text it still is a stray space.
    assert_eq!(
        engine::check(
            "为了发展　慈善事业。\n",
            &Settings::only(&[RuleId::SpuriousSpace])
        )
        .len(),
        1
    );
}

#[test]
fn fixed_text_is_not_laid_out_again() {
    // One paragraph per line, lines far longer than any column: nothing to join.
    let clean = "第一条　为了发展慈善事业，弘扬慈善文化，规范慈善活动，保护慈善组织、捐赠人、志愿者、受益人等慈善活动参与者的合法权益，促进社会进步，共享发展成果，制定本法。\n第二条　自然人、法人和非法人组织开展慈善活动以及与慈善有关的活动，适用本法。其他法律有特别规定的，依照其规定。\n本法所称慈善活动，是指自然人、法人和非法人组织以捐赠财产或者提供服务等方式，自愿开展的下列公益活动\n（一）扶贫、济困；\n";
    let found = engine::check(clean, &Settings::default());
    assert!(
        found.iter().all(|f| f.rule != RuleId::BrokenLine),
        "{found:?}"
    );
    assert_eq!(fix(clean), clean);
}

/// Body lines of a 9-em column under a byline (Tesseract's habits: no spaces in the
/// byline, `(` half-width).
const BODY_9: &str = "本报讯（记者廖飞明）2017\n年8月，某服务公司与某传媒\n公司签订劳务派遣协议，约定\n某服务公司为某传媒公司提供\n派遣人员，每天工作11小时。\n";

#[test]
fn a_headline_in_large_type_wrapped_over_many_lines_is_one_line() {
    // At 2.2 times the body size a 9-em column holds four glyphs of the headline.
    let page = format!("劳动者超\n时加班发\n生工伤，\n用工单位\n是否承担\n连带责任\n\n{BODY_9}");
    // The blank line under the headline stays (blank lines are kept as they are).
    let fixed = fix(&page).replace("\n\n", "\n");
    assert!(
        fixed.starts_with("劳动者超时加班发生工伤，用工单位是否承担连带责任\n本报讯"),
        "{fixed}"
    );
}

#[test]
fn a_wrapped_headline_may_end_in_a_question() {
    let page = format!("劳动者是否\n有权拒绝增\n加的工作？\n\n{BODY_9}");
    let fixed = fix(&page).replace("\n\n", "\n");
    assert!(
        fixed.starts_with("劳动者是否有权拒绝增加的工作？\n本报讯"),
        "{fixed}"
    );
    // One short line ending in a question above an article is a paragraph's end.
    let page = format!("{COLUMN_BEFORE}\n谁来负责？\n{BODY_9}");
    assert!(
        fix(&page).contains("他人合法权益。\n谁来负责？\n本报讯"),
        "{}",
        fix(&page)
    );
}

#[test]
fn a_byline_without_spaces_after_a_bare_head_stands_alone() {
    let page = format!(
        "稳定版会有软件包的升级吗\n记者孟力思\n{}",
        &BODY_9["本报讯（记者廖飞明）2017\n年8月，".len()..]
    );
    let fixed = fix(&page);
    assert!(fixed.contains("升级吗\n记者孟力思\n某服务公司"), "{fixed}");
}

#[test]
fn a_ghost_mark_takes_no_width() {
    // Removing `““`'s ghost must not make a second `fix` lay the page out afresh.
    let page =
        "社社社社社88社社社社\n社本报讯（记者 王晨）社“\n““8 月 26 日上午，一社\n2022记者 王晨 摄";
    let once = fix(page);
    assert_eq!(fix(&once), once);
}

#[test]
fn a_line_short_by_a_word_that_did_not_fit_runs_on() {
    // A column of 14 ems. `工作已经全部顺利完成。` stops 3 ems short because
    // `Windows` (3.5 ems) did not fit after it, and the next line runs to the
    // column's edge (no indent): the paragraph goes on. A line short by more than
    // the next word, before an indented first line, still ends one.
    let page = "系统升级之后，全部终端的迁移\n工作已经全部顺利完成。\nWindows用户也可以通过网页登\n录新系统，原有的操作方式和\n使用习惯都保持不变。\n新系统上线后，各部门要及\n时反馈使用中遇到的各种问题，\n以便尽快改进。\n2024年起，旧系统停止维护\n和更新，所有数据统一迁入新平\n台存档。\n";
    assert_eq!(
        fix(page),
        "系统升级之后，全部终端的迁移工作已经全部顺利完成。Windows用户也可以通过网页登录新系统，原有的操作方式和使用习惯都保持不变。\n新系统上线后，各部门要及时反馈使用中遇到的各种问题，以便尽快改进。\n2024年起，旧系统停止维护和更新，所有数据统一迁入新平台存档。\n"
    );
}

#[test]
fn unsqueezed_print_is_measured_with_marks_at_a_full_em() {
    // A column of 16 glyphs, every mark a full em wide. The second paragraph's first
    // line is 14 glyphs (its 2-em indent dropped); counting its one mark at half an
    // em against column lines of three marks, it looked only an em short and the
    // paragraphs were joined.
    let page = "社区今年新建了口袋公园，居民们\n在家门口就能散步、健身、休闲，周\n末还能带着孩子参加亲子活动，大家\n都说，生活越来越方便、越来越好。\n公园由社区统一管护。今后社区\n还将增设器材、座椅，并定期组织志\n愿者清扫，让公园始终干净、整洁，\n成为居民休闲的好去处。\n";
    assert_eq!(
        fix(page),
        "社区今年新建了口袋公园，居民们在家门口就能散步、健身、休闲，周末还能带着孩子参加亲子活动，大家都说，生活越来越方便、越来越好。\n公园由社区统一管护。今后社区还将增设器材、座椅，并定期组织志愿者清扫，让公园始终干净、整洁，成为居民休闲的好去处。\n"
    );
}

#[test]
fn a_lead_the_column_broke_after_runs_into_its_paragraph() {
    // `本报讯（记者 王晨）` alone, then a line that runs to the column's edge: no
    // indented first line follows, so the print ran the lead in.
    let body = "近日，开发区对辖区内的十二个老旧小\n区进行了改造，更换了供水管网，粉刷\n了楼道墙面，还新建了停车位和充电桩，\n居民的生活条件得到明显改善。\n改造过程中，社区充分听取居民意\n见，先后召开了八次座谈会，逐项解决\n居民反映的问题。\n";
    let fixed = fix(&format!("老旧小区换新颜\n本报讯（记者 王晨）\n{body}"));
    assert!(
        fixed.starts_with("老旧小区换新颜\n本报讯（记者 王晨）近日，开发区对辖区内"),
        "{fixed}"
    );
    // A blank line after it sets it apart.
    let fixed = fix(&format!("老旧小区换新颜\n本报讯（记者 王晨）\n\n{body}"));
    assert!(
        fixed.starts_with("老旧小区换新颜\n本报讯（记者 王晨）\n\n近日，"),
        "{fixed}"
    );
}

#[test]
fn a_line_ending_in_a_comma_goes_on_without_a_column() {
    // Too few lines to measure a column: the comma still says mid-sentence.
    let page = "公园管护办法\n第四条　公园应当向公众免费开放，\n禁止任何单位或者个人擅自占用绿地，\n不得以管护为名收取费用。\n";
    assert_eq!(
        fix(page),
        "公园管护办法\n第四条　公园应当向公众免费开放，禁止任何单位或者个人擅自占用绿地，不得以管护为名收取费用。\n"
    );
}

#[test]
fn prose_set_one_paragraph_per_line_has_no_column() {
    // Three articles ending in `；`, of about one width, are no 37-em column: the
    // page has no broken lines.
    let page = "第一条　为了规范公园管理，保障公众游览权益，根据有关法律、行政法规，结合本市实际，制定本条例。\n第二条　本条例适用于本市行政区域内公园的规划、建设、保护和管理活动；\n第三条　市园林绿化部门负责全市公园的监督管理工作，区园林绿化部门负责本区公园管理；\n第四条　公园管理机构应当建立健全安全管理制度，定期开展安全检查和隐患排查工作；\n第五条　任何单位和个人不得擅自占用公园绿地，不得损毁公园设施。\n第六条　公园应当向公众开放，收费公园应当公示收费项目和标准。\n第七条　本条例自发布之日起施行。\n";
    assert_eq!(fix(page), page);
}

#[test]
fn a_first_line_short_of_a_latin_word_is_no_headline() {
    // `如果您需要一台` is a first line that stopped early because `Windows` would
    // not fit after it: unpunctuated and short, it looked like a headline.
    let page = "单位统一采购了一批新的办公\n电脑，并为每台电脑安装了正\n版软件。\n如果您需要一台\nWindows电脑，请先向信息中\n心提出申请，由中心统一配发\n并负责日常的维护和升级。\n";
    assert_eq!(
        fix(page),
        "单位统一采购了一批新的办公电脑，并为每台电脑安装了正版软件。\n如果您需要一台Windows电脑，请先向信息中心提出申请，由中心统一配发并负责日常的维护和升级。\n"
    );
}

#[test]
fn a_file_extension_split_by_the_column_keeps_its_dot() {
    // `（即 .⏎deb文件）`: the `.` ends its line but starts `.deb` in the joined
    // paragraph, so it is no sentence end to make full-width.
    let page = "软件包是一种特殊的档案文件，\n其中包含了程序的全部文件。每\n个软件包都是一个档案文件（即 .\ndeb文件），依赖的软件包也\n会一并安装到系统当中，用户无\n需手动处理这些依赖关系。\n";
    assert_eq!(
        fix(page),
        "软件包是一种特殊的档案文件，其中包含了程序的全部文件。每个软件包都是一个档案文件（即 .deb文件），依赖的软件包也会一并安装到系统当中，用户无需手动处理这些依赖关系。\n"
    );
}
