//! Rule tables: real sentences (from the sample page and other pages of the same
//! kind) with what each rule must and must not do.

use jiaodui_core::engine::{self, CjkLatinSpacing, RuleId, Settings};

fn fix_with(rule: RuleId, input: &str) -> String {
    engine::fix(input, &Settings::only(&[rule]))
}

fn findings(rule: RuleId, input: &str) -> usize {
    engine::check(input, &Settings::only(&[rule])).len()
}

#[test]
fn doubled_glyph_table() {
    let fixes = [
        (
            "88 月 2266日，，太昊路办事处许寨社区文艺队在社区内敲锣打鼓宣传““创文””知识。。",
            "8 月 26日，太昊路办事处许寨社区文艺队在社区内敲锣打鼓宣传“创文”知识。",
        ),
        ("基基本本规规定定", "基本规定"),
        (
            "全全力力打打赢赢““创创文文””攻攻坚坚战战",
            "全力打赢“创文”攻坚战",
        ),
        (
            "全全力力打打赢赢“创创文文”攻攻坚坚战战",
            "全力打赢“创文”攻坚战",
        ),
        ("共享社区美好生活。。下一步", "共享社区美好生活。下一步"),
        ("记者看到，，阅览室", "记者看到，阅览室"),
        (
            "1100 月 2200 日，，市民们““点赞””。。",
            "10 月 20 日，市民们“点赞”。",
        ),
    ];
    for (raw, want) in fixes {
        assert_eq!(fix_with(RuleId::DoubledGlyph, raw), want, "input: {raw}");
    }
    let keep = [
        "阅览室、科普教育室、心理咨询室等被收拾得整整齐齐、干干净净，",
        "来来回回宣传‘创文’知识，热闹又有趣，",
        "形成人人争做文明使者、自觉维护城市形象的良好局面。",
        "让党旗在社区服务一线高高飘扬。",
        "群众卫生习惯良好……自开展创建全国文明城市工作以来，",
        "发现问题隐患 88项，已完成整改 74项，",
        "设置公益广告牌 360 块，1400 家经营商户",
        "习近平总书记 2022年 8月16 日至 17 日在辽宁考察时指出",
        "本报讯（记者 王晨 通讯员 智玮玮）为进一步提高社区居民",
        "哈哈哈哈哈哈",
        "——————",
        "天天向上，好好学习，",
        "2011 年 11 月 22 日",
        "他说：“好好干！”",
        "整整齐齐、干干净净",
        "整整齐齐、干干净净、漂漂亮亮",
    ];
    for s in keep {
        assert_eq!(findings(RuleId::DoubledGlyph, s), 0, "false alarm on: {s}");
    }
}

#[test]
fn spurious_space_table() {
    let fixes = [
        ("近日， 开发区太昊路办事处", "近日，开发区太昊路办事处"),
        ("宣传“创文 ”知识。", "宣传“创文”知识。"),
        (
            "注意工作方法 ，做到 “五不 、一统筹 ”。",
            "注意工作方法，做到“五不、一统筹”。",
        ),
        (" 文明实践活动丰富青少年生活", "文明实践活动丰富青少年生活"),
        ("书记李四照说 ： “除了", "书记李四照说：“除了"),
        (
            "全国文明城市创建 ， 只有进行时。",
            "全国文明城市创建，只有进行时。",
        ),
        ("社区服务 对象是人民群众。", "社区服务对象是人民群众。"),
        (
            "本报讯 （记者 王晨 通讯员 智玮玮） 为进一步提高",
            "本报讯（记者 王晨 通讯员 智玮玮）为进一步提高",
        ),
        ("丰富多彩的主题活动。   ", "丰富多彩的主题活动。"),
    ];
    for (raw, want) in fixes {
        assert_eq!(fix_with(RuleId::SpuriousSpace, raw), want, "input: {raw:?}");
    }
    let keep = [
        "本报讯（记者 王晨 通讯员 张越）",
        "记者 王晨 通讯员 曹文娟",
        "记者 王晨 摄",
        "“创文”宣传进巷入户 文明意识入脑入心\n本报讯（记者 王晨）近日，开发区。",
        "三川司法鉴定中心自 2021 年 10 月入驻中兴新业港后，",
        "新增 LED 电子屏，宣传内容包括社会主义核心价值观",
        "\u{3000}\u{3000}社区服务惠民生。",
    ];
    for s in keep {
        assert_eq!(
            findings(RuleId::SpuriousSpace, s),
            0,
            "false alarm on: {s:?}"
        );
    }
}

#[test]
fn halfwidth_punct_table() {
    let fixes = [
        ("近日,开发区太昊路办事处", "近日，开发区太昊路办事处"),
        ("近日, 开发区太昊路办事处", "近日，开发区太昊路办事处"),
        ("丰富多彩的主题活动.", "丰富多彩的主题活动。"),
        ("王文峰说:“创建全国文明城市", "王文峰说：“创建全国文明城市"),
        ("意见和建议?", "意见和建议？"),
        ("咱自觉做文明人!", "咱自觉做文明人！"),
        ("本报讯(记者 王晨)近日", "本报讯（记者 王晨）近日"),
        (
            "新建停车场 2 处;停车位 325 个",
            "新建停车场 2 处；停车位 325 个",
        ),
        (
            "以“一防三提升”(防范重大安全风险)为抓手",
            "以“一防三提升”（防范重大安全风险）为抓手",
        ),
    ];
    for (raw, want) in fixes {
        assert_eq!(fix_with(RuleId::HalfwidthPunct, raw), want, "input: {raw}");
    }
    let keep = [
        "同比增长 3.5%，",
        "前端框架 Backbone.js 的用法",
        "会议于 16:32 结束。",
        "详见 https://www.example.com/a.html 页面",
        "He said: \"Hello, world!\" and left.",
        "共 1,400 家",
        "（1）加强组织领导；",
        "版本 v2.0 发布",
    ];
    for s in keep {
        assert_eq!(
            findings(RuleId::HalfwidthPunct, s),
            0,
            "false alarm on: {s}"
        );
    }
}

#[test]
fn unbalanced_quote_table() {
    assert_eq!(
        fix_with(RuleId::UnbalancedQuote, "宣传”创文”知识。"),
        "宣传“创文”知识。"
    );
    let flagged_without_fix = [
        "王文峰说：“创建全国文明城市是为了提高城市品质。",
        "制定《周口经济开发区关于发展检验检测中心支持政策，",
    ];
    for s in flagged_without_fix {
        let f = engine::check(s, &Settings::only(&[RuleId::UnbalancedQuote]));
        assert_eq!(f.len(), 1, "{s}");
        assert!(!f[0].is_fixable(), "{s}");
    }
    let keep = [
        "“您好，您对‘创文’工作还有哪些意见和建议？”在康楼社区入户宣传过程中，",
        "以“一防三提升”（防范重大安全风险，提升本质安全水平）为抓手",
        "制定《周口经济开发区关于发展检验检测中心和实验室建设支持政策》，",
        // A quotation over two paragraphs: the first opens without closing.
        "他说：\n“第一段话没有结束。\n“第二段话到此结束。”",
        "1）加强组织领导；2）压实工作责任。",
    ];
    for s in keep {
        assert_eq!(
            findings(RuleId::UnbalancedQuote, s),
            0,
            "false alarm on: {s}"
        );
    }
}

#[test]
fn cjk_latin_spacing_follows_the_setting() {
    let s = "三川司法鉴定中心自 2021 年 10 月入驻，新增LED电子屏。";
    assert_eq!(findings(RuleId::CjkLatinSpacing, s), 0, "default keeps");
    let mut remove = Settings::only(&[RuleId::CjkLatinSpacing]);
    remove.cjk_latin_spacing = CjkLatinSpacing::Remove;
    assert_eq!(
        engine::fix(s, &remove),
        "三川司法鉴定中心自2021年10月入驻，新增LED电子屏。"
    );
    let mut add = Settings::only(&[RuleId::CjkLatinSpacing]);
    add.cjk_latin_spacing = CjkLatinSpacing::Add;
    assert_eq!(
        engine::fix(s, &add),
        "三川司法鉴定中心自 2021 年 10 月入驻，新增 LED 电子屏。"
    );
    assert_eq!(
        engine::fix("记者 王晨 通讯员 张越", &remove),
        "记者 王晨 通讯员 张越"
    );
}

#[test]
fn broken_line_table() {
    // A column of ~15 ems; paragraph ends are short lines ending a sentence.
    let raw = "近日， 开发区太昊路办事处新时代文\n明实践所迎来了十多名朝气蓬勃的青\n\n少年。 在新时代文明实践所各具特色\n的功能室内， 工作人员带领他们开展\n丰富多彩的主题活动。\n\n在太昊路办事处新时代文明实践\n\n所，记者看到，阅览室、科普教育室、心\n理咨询室等被收拾得整整齐齐、 干干\n净净， 为社区参加活动的青少年创造\n了良好的卫生环境。\n";
    let fixed = fix_with(RuleId::BrokenLine, raw);
    let paragraphs: Vec<&str> = fixed.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(paragraphs.len(), 2, "{fixed}");
    assert!(paragraphs[0].starts_with("近日， 开发区") && paragraphs[0].ends_with("主题活动。"));
    assert!(paragraphs[1].contains("实践所，记者看到") && paragraphs[1].ends_with("卫生环境。"));
    assert_eq!(
        findings(RuleId::BrokenLine, raw),
        2,
        "one finding per paragraph"
    );

    // Headlines, bylines, author lines and credits stay on their own lines.
    let raw = "全力打赢“创文”攻坚战\n■记者 王晨 通讯员 曹文娟\n\n大街小巷干净整洁、 车辆停放规\n范有序、“创文”氛围日益浓厚、群众卫\n生习惯良好……自开展创建全国文明\n城市工作以来， 开发区正在悄然发生\n改变。\n\n社区服务惠民生\n李清华\n\n加强社区服务是社区工作\n\n的重点， 也是推进基层治理体\n系和治理能力现代化的应有之\n\n义。 社区只有不断增加服务供\n给、补齐服务短板、创新服务机\n制，才能更好地惠及民生。\n";
    let fixed = fix_with(RuleId::BrokenLine, raw);
    let lines: Vec<&str> = fixed.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 6, "{fixed}");
    assert_eq!(lines[0], "全力打赢“创文”攻坚战");
    assert_eq!(lines[1], "■记者 王晨 通讯员 曹文娟");
    assert_eq!(lines[3], "社区服务惠民生");
    assert_eq!(lines[4], "李清华");
    assert!(lines[5].starts_with("加强社区服务是社区工作的重点"));

    // Clean prose — one paragraph per line — is left alone.
    let clean = "全力推动招商引资提质增效\n本报讯（记者 王晨）近日，开发区党委书记王文峰主持召开招商专班和信访稳定工作推进会。\n会议指出，招商引资是开发区工作的重中之重，要全面推动开发区招商引资工作再上新台阶。\n会议强调，要凸显招商引资工作的重要性。\n一、总体要求\n（一）指导思想\n坚持稳中求进工作总基调；\n坚持以人民为中心；\n";
    assert_eq!(
        findings(RuleId::BrokenLine, clean),
        0,
        "{:#?}",
        engine::check(clean, &Settings::only(&[RuleId::BrokenLine]))
    );
}

#[test]
fn fixes_never_overlap_across_rules() {
    let raw = include_str!("../../../../assets/samples/000_39b2f5fd87845c7e.txt");
    let found = engine::check(raw, &Settings::default());
    let mut edits: Vec<_> = found.iter().flat_map(|f| f.edits.iter().cloned()).collect();
    edits.sort_by_key(|e| e.range_bytes.start);
    for w in edits.windows(2) {
        assert!(
            w[0].range_bytes.end <= w[1].range_bytes.start,
            "{:?} overlaps {:?}",
            w[0],
            w[1]
        );
    }
    for f in &found {
        for e in &f.edits {
            assert!(
                f.span_bytes.start <= e.range_bytes.start && e.range_bytes.end <= f.span_bytes.end,
                "{f:?}"
            );
        }
    }
}

#[test]
fn explicit_indents_start_paragraphs() {
    let raw = "\u{3000}\u{3000}近日，开发区太昊路办事处新时代文明\n实践所迎来了十多名朝气蓬勃的青少年。\n\u{3000}\u{3000}在新时代文明实践所各具特色的功能\n室内，工作人员带领他们开展丰富多彩\n的主题活动，干干净净，整整齐齐。\n";
    let fixed = fix_with(RuleId::BrokenLine, raw);
    assert_eq!(fixed.lines().count(), 2, "{fixed}");
    assert!(fixed.lines().all(|l| l.starts_with('\u{3000}')), "{fixed}");
}
