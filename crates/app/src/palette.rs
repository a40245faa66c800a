//! Colours of the review: one hue per rule, tuned separately for light and dark
//! backgrounds so highlighted Chinese stays readable in both.

use eframe::egui::Color32;

use jiaodui_core::engine::RuleId;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub dark: bool,
}

impl Palette {
    /// The rule's hue (from the rule registry), for legend swatches, strikes and marks.
    pub fn hue(&self, rule: RuleId) -> Color32 {
        let colour = rule.info().colour;
        let [r, g, b] = if self.dark { colour.dark } else { colour.light };
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
