//! Colours of the review: one hue per rule, tuned separately for light and dark
//! backgrounds so highlighted Chinese stays readable in both.

use eframe::egui::Color32;

use jiaodui_core::engine::RuleId;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub dark: bool,
}

impl Palette {
    /// The rule's hue, for legend swatches, strikes and marks.
    pub fn hue(&self, rule: RuleId) -> Color32 {
        let (l, d) = match rule {
            RuleId::BrokenLine => ((214, 110, 0), (255, 170, 60)),
            RuleId::DoubledGlyph => ((210, 30, 60), (255, 105, 120)),
            RuleId::UnbalancedQuote => ((140, 60, 200), (200, 150, 255)),
            RuleId::SpuriousSpace => ((20, 110, 220), (100, 170, 255)),
            RuleId::HalfwidthPunct => ((10, 140, 70), (90, 210, 130)),
            RuleId::CjkLatinSpacing => ((0, 140, 150), (70, 200, 210)),
            RuleId::BadBytes => ((120, 120, 120), (170, 170, 170)),
        };
        let (r, g, b) = if self.dark { d } else { l };
        Color32::from_rgb(r, g, b)
    }

    /// Background behind text: strong for the bytes a fix replaces, light for the span.
    pub fn background(&self, rule: RuleId, strong: bool) -> Color32 {
        let c = self.hue(rule);
        let alpha = match (self.dark, strong) {
            (false, true) => 80,
            (false, false) => 30,
            (true, true) => 95,
            (true, false) => 40,
        };
        Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha)
    }

    /// Outline of the selected finding.
    pub fn selection(&self) -> Color32 {
        if self.dark {
            Color32::from_rgb(255, 220, 80)
        } else {
            Color32::from_rgb(30, 30, 30)
        }
    }
}
