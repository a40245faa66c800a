use jiaodui_glyph::{Suspect, SuspectKind, find_suspects, lexicon};

fn scan(text: &str) -> Vec<Suspect> {
    find_suspects(text, lexicon(), &|_| false)
}

/// The single finding on `text`: its flagged substring and first candidate.
fn one(text: &str) -> (String, String, SuspectKind) {
    let f = scan(text);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    (
        text[f[0].start_byte..f[0].end_byte].to_string(),
        f[0].candidates[0].text.clone(),
        f[0].kind,
    )
}

#[test]
fn yi_jing() {
    assert_eq!(
        one("他们己经完成了今年的任务。"),
        ("己".into(), "已".into(), SuspectKind::LookAlike)
    );
}

#[test]
fn she_hui() {
    assert_eq!(
        one("推动经济杜会高质量发展。"),
        ("杜".into(), "社".into(), SuspectKind::LookAlike)
    );
}

#[test]
fn wei_lai() {
    assert_eq!(
        one("我们对末来充满信心。"),
        ("末".into(), "未".into(), SuspectKind::LookAlike)
    );
}

#[test]
fn digits_in_year() {
    assert_eq!(
        one("2O24年3月"),
        ("O".into(), "0".into(), SuspectKind::ShapeInDigits)
    );
    assert_eq!(
        one("会议于l9日召开。"),
        ("l".into(), "1".into(), SuspectKind::ShapeInDigits)
    );
    assert_eq!(
        one("截至12时3O分，"),
        ("O".into(), "0".into(), SuspectKind::ShapeInDigits)
    );
}

#[test]
fn latin_in_han() {
    let f = scan("推动社会l发展。");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, SuspectKind::LatinInHan);
    assert_eq!(f[0].candidates[0].text, "");
}

#[test]
fn bracket_read_as_letter() {
    let text = "本报讯（记者 王晨)近日，市里召开会议。";
    let f = scan(text);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(&text[f[0].start_byte..f[0].end_byte], ")");
    assert_eq!(f[0].candidates[0].text, "）");
}

#[test]
fn clean_sentences_stay_clean() {
    for s in [
        "阅览室被收拾得整整齐齐、干干净净。",
        "人人都有责任保护环境。",
        "本报讯（记者 王晨 通讯员 张越）近日，开发区举行活动。",
        "农民在土地上辛勤劳作。",
        "士兵们列队走过广场。",
        "他们已经完成了任务。",
        "每个人都要相信自己。",
        "我们对未来充满信心。",
        "文章末尾附有说明。",
        "2021 年 10 月，全市共有 88 项工程完工，投资 1400 万元。",
        "他买了一部iPhone 15和一台5G路由器。",
        "看一看，想一想。",
        "教室、食堂和宿舍都已打扫得干干净净。",
    ] {
        assert!(scan(s).is_empty(), "{s}: {:?}", scan(s));
    }
}

#[test]
fn house_words_are_kept() {
    let text = "我们对末来充满信心。";
    assert!(find_suspects(text, lexicon(), &|w| w == "末来").is_empty());
}

#[test]
fn names_repeated_on_the_page_are_not_flagged() {
    // an invented name made of a look-alike glyph, seen three times
    let text = "杜会长说，杜会长认为，杜会长表示。";
    let f = scan(text);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn insertion_of_a_speck() {
    let f = scan("推动社丶会发展。");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, SuspectKind::Insertion);
    assert_eq!(f[0].candidates[0].text, "");
}

#[test]
fn findings_are_ordered_and_disjoint_with_byte_offsets() {
    let text = "他们己经在2O24年推动杜会发展，对末来充满信心。";
    let f = scan(text);
    assert!(f.len() >= 3, "{f:?}");
    for w in f.windows(2) {
        assert!(w[0].end_byte <= w[1].start_byte);
    }
    for x in &f {
        assert!(text.is_char_boundary(x.start_byte) && text.is_char_boundary(x.end_byte));
        assert!(x.confidence > 0.0 && x.confidence <= 1.0);
    }
}

#[test]
fn unrelated_glyph_on_a_damaged_scan() {
    // 冰 is no look-alike of 消, but 消费者 is the only reading; the bracket misreads show the
    // text is a damaged scan, so the weak (unrelated-glyph) finding stands.
    let text = "本报讯〈记者 王晨)经营者应当遵守对冰费者做出的承诺，不得拒绝退货。";
    let f = scan(text);
    let g = f
        .iter()
        .find(|s| &text[s.start_byte..s.end_byte] == "冰")
        .expect("冰 flagged");
    assert_eq!(g.kind, SuspectKind::LookAlike);
    assert_eq!(g.candidates[0].text, "消");
    // below a look-alike's, and below what the jiaodui rule shows (0.5 and up)
    assert!(g.confidence <= 0.5, "{g:?}");
}

#[test]
fn clean_text_with_half_width_punctuation() {
    // clean prose that happens to use half-width punctuation (not taken for OCR damage: weak
    // findings would stand with it as their burst partner): nothing to flag
    for t in [
        "根据《中华人民共和国民法典》第一千一百三十六条的规定(打印遗嘱),遗嘱人应当在每一页签名。",
        "会议指出:各地要把学生的身体健康放在首位,认真做好饮用水和食品安全工作。",
        "今年以来,全市农作物耕种收综合机械化率已达到91%,粮食总产量稳定增长。",
    ] {
        assert!(scan(t).is_empty(), "{t}: {:?}", scan(t));
    }
}

#[test]
fn repeated_misread_that_looks_like_a_surname() {
    // 吉 is a surname and 吉食 appears twice, but 胶 + 囊 closes the common word 胶囊:
    // a misread Tesseract repeated, not a name
    let text = "原告在某药店购买了10瓶维生素胶吉食品，共支付价款2000元。\
                原告认为，该维生素胶吉食品违反食品安全国家标准。";
    let f = scan(text);
    let hits: Vec<&Suspect> = f
        .iter()
        .filter(|s| &text[s.start_byte..s.end_byte] == "吉")
        .collect();
    assert_eq!(hits.len(), 2, "{f:?}");
    assert!(hits.iter().all(|s| s.candidates[0].text == "囊"));
}

#[test]
fn repeated_names_stay_protected() {
    // a real name repeated on the page: surname + given name, no common word broken
    let text = "本报记者吉星报道：吉星说，今年的展会吸引了许多农民驻足观看。吉星还介绍了新技术。";
    assert!(
        scan(text)
            .iter()
            .all(|s| !text[s.start_byte..s.end_byte].contains('吉')),
        "{:?}",
        scan(text)
    );
}

#[test]
fn weak_finding_alone_is_dropped() {
    // the same sentence without any other sign of OCR damage: no finding
    assert!(scan("经营者应当遵守对冰费者做出的承诺，不得拒绝退货。").is_empty());
}

#[test]
fn attested_pairs_are_real_text() {
    // 重装 / 一旬 / 政办 are rarer than 童装 / 一句 / 政协 but attested inside dictionary words
    for t in [
        "电脑出了问题，只能重装系统。",
        "合同约定应提前一旬告知对方。",
        "该办法由京政办字发布。",
    ] {
        assert!(scan(t).is_empty(), "{t}: {:?}", scan(t));
    }
}

#[test]
fn bigram_table() {
    let lex = lexicon();
    assert!(lex.bigram('社', '会') > 0);
    assert_eq!(lex.bigram('冰', '费'), 0);
}

/// Real newspaper prose, corrected (the sample page after `fix`): phrases such as 进巷入户,
/// 入脑入心, 提质增效, 筑牢 are right. At most the one suspect the rule showed before.
#[test]
fn corrected_newspaper_page_has_next_to_no_suspects() {
    let text = include_str!("../../../tests/golden/000_39b2f5fd87845c7e.fixed.txt");
    let shown: Vec<Suspect> = scan(text)
        .into_iter()
        .filter(|s| s.confidence >= 0.5)
        .collect();
    let glyphs: Vec<&str> = shown
        .iter()
        .map(|s| &text[s.start_byte..s.end_byte])
        .collect();
    assert!(shown.len() <= 1, "{glyphs:?}");
}

fn rule_shows(text: &str) -> Vec<Suspect> {
    jiaodui_glyph::shown(text, scan(text), &jiaodui_glyph::ShowPolicy::default())
}

/// On clearly damaged OCR (angle brackets for （, unmatched half-width ) …) the rule shows the
/// weak look-alikes too; in the same prose without that damage, none of them.
#[test]
fn weak_suspects_shown_only_where_the_page_is_damaged() {
    // (long enough to judge: on a snippet of under 120 chars the rule keeps the flat 0.5)
    let damaged = "本报讯〈记者杨兰霞)罗某某在某网店购买手机，经营者应当遵守对冰费者做出的有利承庄，\
                   对承诡的解释应按普通消痪者的通单认知进行。某公司〈下称甲公司)签订合同。\
                   近日，区人民法院审理了一起网络购物合同纠纷案件。法院经审理认为，网络交易中\
                   经营者作出的承诺应当兑现，消费者的合法权益依法受到保护。";
    let glyphs = |t: &str| -> Vec<String> {
        rule_shows(t)
            .iter()
            .map(|s| t[s.start_byte..s.end_byte].to_string())
            .collect()
    };
    let shown = glyphs(damaged);
    for g in ["冰", "庄", "诡", "痪"] {
        assert!(shown.iter().any(|x| x == g), "{g} not shown: {shown:?}");
    }
    let clean = damaged.replace('〈', "（").replace(')', "）");
    let shown = glyphs(&clean);
    assert!(shown.is_empty(), "{shown:?}");
}

/// On a sentence or snippet there is too little text to tell clean from damaged: the flat 0.5.
#[test]
fn snippets_keep_the_flat_threshold() {
    let t = "我们对末来充满信心。";
    assert_eq!(rule_shows(t).len(), 1);
}

/// What the rule shows on the corrected sample page (real newspaper prose): nothing.
#[test]
fn rule_shows_nothing_on_the_corrected_newspaper_page() {
    let text = include_str!("../../../tests/golden/000_39b2f5fd87845c7e.fixed.txt");
    let shown = rule_shows(text);
    assert!(shown.is_empty(), "{shown:?}");
}

/// Newspaper-register prose (government work reports, eval/corpus/news_tune.txt): set phrases
/// (兜牢兜实, 延链补链强链, 三地一区), place and company names. At most 0.2 false suspects per
/// 1000 chars as the rule shows them (0.35 with the flat 0.5 threshold of before).
#[test]
fn news_prose_has_few_shown_suspects() {
    let text = include_str!("../../../eval/corpus/news_tune.txt");
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let shown = rule_shows(text);
    let per_1000 = shown.len() as f64 * 1000.0 / chars as f64;
    let glyphs: Vec<&str> = shown
        .iter()
        .map(|s| &text[s.start_byte..s.end_byte])
        .collect();
    assert!(per_1000 <= 0.2, "{per_1000:.3} per 1000: {glyphs:?}");
}

/// Parallel constructions of news copy are meant, whatever the language model says.
#[test]
fn parallel_constructions_are_not_flagged() {
    for t in [
        "持续推进雨污混接和入河入海排污口整治。",
        "坚决兜牢兜实民生底线，办好民生实事。",
        "推动稀土产业延链补链强链，加大资源勘探。",
        "锚定“三地一区”实现新突破，奋力谱写新篇章。",
    ] {
        let f: Vec<Suspect> = scan(t)
            .into_iter()
            .filter(|s| s.confidence >= 0.3)
            .collect();
        let glyphs: Vec<&str> = f.iter().map(|s| &t[s.start_byte..s.end_byte]).collect();
        for g in ["入", "河", "海", "兜", "牢", "实", "链", "补", "强", "一"] {
            assert!(!glyphs.contains(&g), "{t}: {glyphs:?}");
        }
    }
}

/// A glyph inside a common two-char word (大字) whose other side stands alone (生), where the
/// look-alike makes a common three-char word across (大学生).
#[test]
fn da_xue_sheng() {
    assert_eq!(
        one("两人均为在校大字生，看到影楼的广告。"),
        ("字".into(), "学".into(), SuspectKind::LookAlike)
    );
}

/// The set phrases and abbreviations of news copy (扩优提质, 提振消费, 规上工业) are no misreads,
/// even beside a real one: no dictionary lists them, the running-text table of news prose does.
#[test]
fn news_set_phrases_beside_a_misread_are_kept() {
    let text = "他们己经完成了今年的任务。教育医疗扩优提质，实施加快教育强省建设行动。\
                深入实施提振消费专项行动，规上工业增加值增长6%。";
    let f = scan(text);
    let flagged: Vec<&str> = f.iter().map(|s| &text[s.start_byte..s.end_byte]).collect();
    assert_eq!(flagged, ["己"], "{f:?}");
}

/// Tesseract reads the wide `％` of CJK fonts as `%` and a digit (`增长8.8%4。`): the digit is
/// flagged for deletion; two digits after the sign, or a URL escape, are left alone.
#[test]
fn a_digit_glued_to_a_percent_sign() {
    assert_eq!(
        one("全年地区生产总值增长8.8%4。"),
        ("4".into(), "".into(), SuspectKind::ShapeInDigits)
    );
    assert!(scan("增速分别为5.1%、17%，均高于全国。").is_empty());
    assert!(scan("链接为 https://example.org/a%20b 的页面。").is_empty());
}

/// `——` opening a clause is read `一一` by Tesseract; the adverb 一一 after its subject is kept.
#[test]
fn a_dash_read_as_two_yi() {
    assert_eq!(
        one("五年来，我们砥砺前行。一一经济运行稳中向好，综合实力持续提升。"),
        ("一一".into(), "——".into(), SuspectKind::LookAlike)
    );
    assert!(scan("对群众反映的问题，我们逐项一一落实。").is_empty());
}

/// 干 where the numeral 千 belongs (干亿级, 第一干一百条); 若干万 and 一干人 are words.
#[test]
fn gan_read_for_qian() {
    assert_eq!(
        one("打造化工、光伏等干亿级产业链。"),
        ("干".into(), "千".into(), SuspectKind::ShapeInDigits)
    );
    assert_eq!(
        one("依照民法典第一干一百三十六条的规定。"),
        ("干".into(), "千".into(), SuspectKind::ShapeInDigits)
    );
    assert!(scan("安排若干万元专项资金。").is_empty());
    assert!(scan("他们一干人等连夜赶到现场。").is_empty());
}

/// A replacement is held back by an attested original pair only on the side where it forms its
/// word: 觉 → 党 makes 党中央 to the right; 和觉 being inside some dictionary word is no reason.
#[test]
fn the_attested_pair_counts_on_the_replacements_side_only() {
    let text = "他们己经完成了任务。牢记和觉中央赋予的任务。";
    let f = scan(text);
    let flagged: Vec<(&str, &str)> = f
        .iter()
        .map(|s| {
            (
                &text[s.start_byte..s.end_byte],
                s.candidates[0].text.as_str(),
            )
        })
        .collect();
    assert_eq!(flagged, [("己", "已"), ("觉", "党")], "{f:?}");
}
