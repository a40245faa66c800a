//! Clean newspaper prose must raise no finding at all: a tool that damages
//! correct text is worse than none.

use jiaodui_core::engine::{self, Settings};

const CLEAN_PAGES: [&str; 5] = [
    // One paragraph per line, headline and run-in byline.
    "金秋时节稻谷飘香 农民喜获丰收\n本报讯（记者 李明 通讯员 张华）9月20日，走进郸城县汲冢镇，一望无际的稻田里，沉甸甸的稻穗压弯了腰，收割机在田间来回穿梭。\n“今年风调雨顺，亩产能达到1200斤左右。”种粮大户王建国一边查看稻谷成色，一边高兴地说。\n据了解，今年全县水稻种植面积达3.5万亩，预计总产量2.1万吨，同比增长8.6%。\n",
    // Blank lines between paragraphs, ideographic-space indents.
    "\u{3000}\u{3000}为进一步提升城市品质，市城管局近日开展了为期一个月的市容环境集中整治行动。\n\n\u{3000}\u{3000}整治行动聚焦占道经营、乱堆乱放、违规广告等突出问题，共清理占道摊点320余处，拆除违规广告牌56块。\n\n\u{3000}\u{3000}市民刘女士说：“现在街道干净整洁，走在路上心情都好了。”\n",
    // A list, numbers, Latin, URLs, times.
    "会议要求，各单位要做到以下几点：\n一、提高政治站位；\n二、压实工作责任；\n三、强化督导检查。\n活动将于10月1日上午9:30在市民广场举行，详情可登录 www.zkrb.cn 查询。\n该项目采用 LED 显示屏和 5G 网络，总投资1.2亿元，占地约3000平方米。\n",
    // A quotation over several paragraphs, reduplication, ellipses and dashes.
    "老党员张大爷回忆说：\n“那时候条件艰苦，大家天天起早贪黑，干干净净地把活干完。\n“如今日子越过越红火，人人脸上都带着笑容……”\n这是一段难忘的岁月——也是一代人的青春。\n他们常常说说笑笑，来来往往，热热闹闹。\n",
    // Short subtitles between paragraphs, parentheses, book titles.
    "（一）加强组织领导\n各地要成立工作专班，明确责任分工，确保各项任务落到实处。\n（二）强化宣传引导\n充分利用报纸、电视、网络等媒体，广泛宣传《周口市文明行为促进条例》（以下简称《条例》）。\n记者 王晨 摄\n",
];

#[test]
fn clean_prose_raises_nothing() {
    for page in CLEAN_PAGES {
        let found = engine::check(page, &Settings::default());
        assert!(
            found.is_empty(),
            "false alarms on clean prose:\n{page}\n{:#?}",
            found
        );
    }
}

#[test]
fn the_fixed_sample_is_clean() {
    let fixed = include_str!("../../../../tests/golden/000_39b2f5fd87845c7e.fixed.txt");
    let left: Vec<_> = engine::check(fixed, &Settings::default())
        .into_iter()
        .filter(|f| f.rule.info().in_fix)
        .collect();
    assert!(left.is_empty(), "{left:#?}");
}
