//! Every label of the interface in 中文 and English. Widgets ask for a [`T`] key in
//! the current [`Lang`]; there are no string literals for labels elsewhere, so a
//! missing translation is a compile error, not an English word in a Chinese window.

use jiaodui_core::engine::RuleId;

pub use jiaodui_core::lang::Lang;

/// Every label of the interface: one line per key, English then Chinese, named so a
/// swapped pair does not compile (and the test below checks the Chinese is Chinese).
macro_rules! labels {
    ($($key:ident { en: $en:literal, zh: $zh:literal })*) => {
        /// Label keys.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T {
            $($key),*
        }

        impl T {
            /// Every key, for the completeness test.
            pub const ALL: &[T] = &[$(T::$key),*];

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::En) => $en, (T::$key, Lang::Zh) => $zh,)*
                }
            }
        }
    };
}

labels! {
    File { en: "File", zh: "文件" }
    Open { en: "Open…", zh: "打开…" }
    OpenSample { en: "Open sample page", zh: "打开示例版面" }
    Recent { en: "Recent files", zh: "最近打开" }
    NoRecent { en: "(none)", zh: "（无）" }
    ClearRecent { en: "Clear list", zh: "清空列表" }
    Save { en: "Save", zh: "保存" }
    SaveAs { en: "Save as…", zh: "另存为…" }
    SaveAsSource { en: "Save in the source's format", zh: "按原格式保存" }
    SaveAsSourceHint { en: "The corrected text written into each line and word of the source file; every box and ID stays as it was", zh: "把校正后的文字写回原文件的每一行、每个词，坐标和编号保持不变" }
    SaveAsSourceTitle { en: "Save in the source's format", zh: "按原格式保存" }
    WriteBackIncompleteTitle { en: "Not every edit fits the source's format", zh: "部分修改无法写回原格式" }
    WriteBackIncomplete { en: "Some text belongs to no line or word of the source file (for example text typed into the blank line between two blocks) and would be lost. Save as plain text instead?", zh: "有些文字不属于原文件的任何一行或一个词（例如在两个文本块之间的空行里输入的文字），写回会丢失。改存为纯文本吗？" }
    SaveAsText { en: "Save as plain text…", zh: "存为纯文本…" }
    ScanCrop { en: "The finding's line on the scan", zh: "原图中的这一行" }
    Quit { en: "Quit", zh: "退出" }
    Edit { en: "Edit", zh: "编辑" }
    Undo { en: "Undo", zh: "撤销" }
    Redo { en: "Redo", zh: "重做" }
    ApplyAllFindings { en: "Apply every fix", zh: "应用全部修正" }
    NextFinding { en: "Next finding", zh: "下一处" }
    PrevFinding { en: "Previous finding", zh: "上一处" }
    View { en: "View", zh: "视图" }
    TextView { en: "Text", zh: "文本" }
    FindingsPanel { en: "Findings panel", zh: "问题面板" }
    Settings { en: "Settings…", zh: "设置…" }
    Help { en: "Help", zh: "帮助" }
    Shortcuts { en: "Keyboard shortcuts", zh: "键盘快捷键" }
    FindMenu { en: "Find…", zh: "查找…" }
    ReplaceMenu { en: "Replace…", zh: "替换…" }
    FindNextMenu { en: "Find next", zh: "查找下一个" }
    FindPrevMenu { en: "Find previous", zh: "查找上一个" }
    GoToLineMenu { en: "Go to line…", zh: "转到行…" }
    ShortcutFind { en: "Find in the page", zh: "在本页查找" }
    ShortcutReplace { en: "Find and replace", zh: "查找并替换" }
    ShortcutFindNext { en: "Next match (Enter in the find field)", zh: "下一个匹配（在查找框中按 Enter）" }
    ShortcutFindPrev { en: "Previous match (Shift+Enter in the find field)", zh: "上一个匹配（在查找框中按 Shift+Enter）" }
    ShortcutGoToLine { en: "Go to a line", zh: "转到指定行" }
    FindLabel { en: "Find", zh: "查找" }
    ReplaceWith { en: "Replace with", zh: "替换为" }
    RegexOption { en: "Regular expression", zh: "正则表达式" }
    RegexHint { en: "Rust regex syntax: \\p{Han} is any Han character, $1 in the replacement is the first group", zh: "Rust 正则语法：\\p{Han} 匹配任意汉字，替换中的 $1 表示第一个分组" }
    MatchCase { en: "Match case", zh: "区分大小写" }
    InFolder { en: "Whole folder", zh: "整个文件夹" }
    NoMatches { en: "No matches", zh: "无匹配" }
    InvalidPattern { en: "Invalid regular expression", zh: "正则表达式无效" }
    PrevMatch { en: "Previous match", zh: "上一个匹配" }
    NextMatch { en: "Next match", zh: "下一个匹配" }
    CloseFind { en: "Close the find bar", zh: "关闭查找栏" }
    MatchCount { en: "Matches", zh: "匹配" }
    ReplaceOne { en: "Replace", zh: "替换" }
    ReplaceAllMatches { en: "Replace all", zh: "全部替换" }
    PreviewFolder { en: "Preview changes in the folder…", zh: "预览文件夹中的更改…" }
    FolderReplaceTitle { en: "Replace in folder", zh: "在文件夹中替换" }
    FolderReplaceNote { en: "This page changes as one undo step. Other pages get the change in their session (offered when they are opened again); their raw and corrected files are not written.", zh: "本页的更改可一步撤销。其他版面的更改写入其会话（再次打开时可恢复），原始文件和已保存的校正文件不会被改写。" }
    ColPage { en: "Page", zh: "版面" }
    ColLine { en: "Line", zh: "行" }
    ColBefore { en: "Before", zh: "原文" }
    ColAfter { en: "After", zh: "替换后" }
    MakeChanges { en: "Make these changes", zh: "执行这些更改" }
    NothingToReplace { en: "Nothing to replace.", zh: "没有可替换的内容。" }
    Skipped { en: "Skipped", zh: "已跳过" }
    SkipOpenElsewhere { en: "open in another window", zh: "在另一个窗口中打开" }
    SkipSourceChanged { en: "the raw page changed on disk: open it and resume first", zh: "原始版面已在磁盘上更改，请先打开并恢复" }
    SkipUnreadable { en: "cannot be read", zh: "无法读取" }
    SkipChanged { en: "changed since the preview", zh: "预览后已更改" }
    SkipWriteFailed { en: "could not be written", zh: "无法写入" }
    GoToLineTitle { en: "Go to line", zh: "转到行" }
    LineNumber { en: "Line number", zh: "行号" }
    GoButton { en: "Go", zh: "转到" }
    NotALineNumber { en: "Type a line number.", zh: "请输入行号。" }
    CopyText { en: "Copy", zh: "复制" }
    FindThis { en: "Find this", zh: "查找此处" }
    Copied { en: "Copied", zh: "已复制" }
    About { en: "About", zh: "关于" }
    AboutText { en: "jiaodui (校对): a proofreading desk for OCR'd Chinese newspaper pages. Font: Noto Sans SC (SIL Open Font License).", zh: "校对：OCR 中文报纸版面的校对工具。字体：思源黑体 Noto Sans SC（SIL 开源字体许可）。" }
    Findings { en: "Findings", zh: "问题" }
    Left { en: "left", zh: "处待审" }
    FilterAll { en: "All rules", zh: "全部规则" }
    Filter { en: "Show", zh: "显示" }
    Candidates { en: "Candidates:", zh: "候选：" }
    DeleteGlyph { en: "(delete)", zh: "（删除）" }
    AlwaysCorrect { en: "Always correct", zh: "始终正确" }
    AlwaysCorrectHint { en: "Add this word to the house word list: no rule flags it again", zh: "把此词加入本社词表：任何规则都不再标记它" }
    AllOccurrences { en: "All occurrences…", zh: "所有出现…" }
    HouseWords { en: "Always correct (house words)", zh: "始终正确（本社词表）" }
    HouseWordsMine { en: "Mine (every page)", zh: "我的（所有版面）" }
    HouseWordsFolder { en: "This folder", zh: "本文件夹" }
    HouseWordNew { en: "New word", zh: "新词" }
    HouseWordAdd { en: "Add", zh: "添加" }
    HouseWordRemove { en: "Remove", zh: "删除" }
    HouseWordsNone { en: "(none)", zh: "（无）" }
    HouseWordAdded { en: "Always correct:", zh: "始终正确：" }
    ApplySuspects { en: "Apply all also takes misread suggestions at confidence ≥", zh: "“全部应用”也采用置信度不低于此值的形近字建议" }
    ApplySuspectsFrom { en: "Minimum confidence", zh: "最低置信度" }
    Concordance { en: "All occurrences", zh: "所有出现" }
    ConcordanceThisPage { en: "This page", zh: "本版面" }
    ConcordanceReplaceWith { en: "Replace with", zh: "替换为" }
    ConcordanceApply { en: "Apply to checked", zh: "应用到所选" }
    ConcordanceApplied { en: "applied on this page", zh: "处已在本版面应用" }
    ConcordanceNone { en: "No occurrence left.", zh: "已无出现。" }
    ConcordanceOtherPages { en: "made on other pages, in their sessions (offered for resume when opened)", zh: "处已在其他版面修改，存入其会话（打开时可恢复）" }
    ConcordanceLeft { en: "left as they are: the text around them changed since the list was made", zh: "处保持原样：列表生成后其上下文已更改" }
    Learned { en: "Learned:", zh: "已学习：" }
    Apply { en: "Apply", zh: "应用" }
    Ignore { en: "Ignore", zh: "忽略" }
    ApplyAll { en: "Apply all", zh: "全部应用" }
    IgnoreAll { en: "Ignore all", zh: "全部忽略" }
    Ignored { en: "Ignored", zh: "已忽略" }
    IgnoredHint { en: "Findings you ignored; Restore puts one back under review (Ctrl+Z undoes an ignore too)", zh: "已忽略的问题；“恢复”使其重新待审（Ctrl+Z 也可撤销忽略）" }
    Restore { en: "Restore", zh: "恢复" }
    ApplyAllOfRule { en: "Apply all of this rule", zh: "应用此规则的全部修正" }
    NoFix { en: "no automatic fix: edit by hand", zh: "无自动修正，请手工修改" }
    NoFindings { en: "Nothing left to review.", zh: "没有待审的问题。" }
    Line { en: "Ln", zh: "行" }
    Column { en: "Col", zh: "列" }
    Unsaved { en: "● unsaved", zh: "● 未保存" }
    Saved { en: "saved", zh: "已保存" }
    SavedTo { en: "Saved to", zh: "已保存到" }
    UnsavedTitle { en: "Unsaved changes", zh: "有未保存的修改" }
    UnsavedQuestion { en: "Save the changes to this page first?", zh: "是否先保存对本版面的修改？" }
    Discard { en: "Discard", zh: "不保存" }
    Cancel { en: "Cancel", zh: "取消" }
    Close { en: "Close", zh: "关闭" }
    OpenFailed { en: "Cannot open the page", zh: "无法打开版面" }
    SaveFailed { en: "Cannot save", zh: "无法保存" }
    TextKept { en: "Your text is kept in the editor.", zh: "文本仍保留在编辑器中。" }
    NoDialog { en: "No file dialog could be shown here (no desktop portal). Type the path instead:", zh: "此处无法显示文件对话框（没有桌面门户）。请直接输入路径：" }
    PathLabel { en: "Path", zh: "路径" }
    SaveAsTitle { en: "Save as", zh: "另存为" }
    OpenTitle { en: "Open a page", zh: "打开版面" }
    OverwriteOriginal { en: "This overwrites the raw OCR original.", zh: "这将覆盖 OCR 原始文件。" }
    Rules { en: "Rules", zh: "规则" }
    Spacing { en: "Spaces between Chinese and Latin/digits", zh: "中文与西文、数字之间的空格" }
    SpacingKeep { en: "Keep as printed", zh: "保持原样" }
    SpacingRemove { en: "Remove", zh: "删除" }
    SpacingAdd { en: "Add", zh: "添加" }
    FontSize { en: "Font size", zh: "字号" }
    LowConfidenceBelow { en: "OCR confidence below", zh: "识别把握低于" }
    Theme { en: "Theme", zh: "外观" }
    Light { en: "Light", zh: "浅色" }
    Dark { en: "Dark", zh: "深色" }
    Language { en: "Language", zh: "语言" }
    SettingsDamaged { en: "The settings file was damaged and has been replaced by defaults", zh: "设置文件已损坏，已恢复为默认设置" }
    SettingsSaveFailed { en: "Cannot save the settings", zh: "无法保存设置" }
    Legend { en: "Legend", zh: "图例" }
    Before { en: "Before", zh: "原文" }
    After { en: "After", zh: "修正后" }
    Key { en: "Key", zh: "按键" }
    Action { en: "Action", zh: "功能" }
    ShortcutNext { en: "Next finding (select it in the text)", zh: "下一处问题（在文本中选中）" }
    ShortcutPrev { en: "Previous finding", zh: "上一处问题" }
    ShortcutApply { en: "Apply the selected finding (outside the text)", zh: "应用选中的问题（不在文本中输入时）" }
    ShortcutIgnore { en: "Ignore the selected finding (outside the text)", zh: "忽略选中的问题（不在文本中输入时）" }
    ShortcutLeaveText { en: "Leave the text to review by keyboard", zh: "离开文本，用键盘审阅" }
    ShortcutUndo { en: "Undo (fixes and typing)", zh: "撤销（修正与输入）" }
    ShortcutRedo { en: "Redo", zh: "重做" }
    ShortcutNextChange { en: "Next change (diff view)", zh: "下一处改动（对照视图）" }
    ShortcutPrevChange { en: "Previous change (diff view)", zh: "上一处改动（对照视图）" }
    ShortcutSave { en: "Save", zh: "保存" }
    ShortcutSaveAs { en: "Save as", zh: "另存为" }
    ShortcutOpen { en: "Open a page", zh: "打开版面" }
    ShortcutQuit { en: "Quit", zh: "退出" }
    Checking { en: "checking…", zh: "检查中…" }
    DropHint { en: "Drop a page to open it", zh: "拖放文件以打开" }
    SampleName { en: "sample page", zh: "示例版面" }
    Untitled { en: "untitled", zh: "未命名" }
    Selected { en: "Selected", zh: "选中" }
    More { en: "more", zh: "更多" }
    LegendBreak { en: "line break to join", zh: "待合并的换行" }
    LegendSpace { en: "space to remove", zh: "待删除的空格" }
    DiffView { en: "Diff (original | corrected)", zh: "对比（原文 | 校对后）" }
    SideBySide { en: "Side by side", zh: "并排" }
    Inline { en: "Inline", zh: "合并" }
    ShowWhitespace { en: "Whitespace changes ⏎ ␣", zh: "空白改动 ⏎ ␣" }
    PrevChange { en: "Previous change", zh: "上一处改动" }
    NextChange { en: "Next change", zh: "下一处改动" }
    Changes { en: "changes", zh: "处改动" }
    NoChanges { en: "No changes", zh: "没有改动" }
    Original { en: "Original", zh: "原文" }
    Corrected { en: "Corrected", zh: "校对后" }
    Deleted { en: "deleted", zh: "删除" }
    Inserted { en: "inserted", zh: "插入" }
    JoinedLine { en: "joined line", zh: "合并的行" }
    RemovedSpace { en: "removed space", zh: "删除的空格" }
    TimedOut { en: "Large page: some paragraphs are marked whole", zh: "页面过大：部分段落整段标出" }
    ExportReport { en: "Export report…", zh: "导出报告…" }
    ExportFolderReport { en: "Export folder report…", zh: "导出文件夹报告…" }
    FolderReportTo { en: "Folder report to (.html or .json; page reports go to NAME-pages/ beside it):", zh: "文件夹报告写到（.html 或 .json；各版面的报告放在旁边的 NAME-pages/ 中）：" }
    FolderReportTitle { en: "Export folder report", zh: "导出文件夹报告" }
    PagesUnreadable { en: "pages could not be read (listed in the report)", zh: "个版面无法读取（已在报告中列出）" }
    Version { en: "Version", zh: "版本" }
    ExportTo { en: "Export report to (.html, .diff or .json):", zh: "导出报告到（.html、.diff 或 .json）：" }
    Export { en: "Export", zh: "导出" }
    NoNativeDialog { en: "No file dialog is available here; type a path.", zh: "此处无法显示文件对话框，请输入路径。" }
    ReportWritten { en: "Report written to", zh: "报告已写入" }
    UnknownFormat { en: "Use .html, .diff (or .patch) or .json", zh: "请使用 .html、.diff（或 .patch）或 .json" }
    OpenFolder { en: "Open folder…", zh: "打开文件夹…" }
    Pages { en: "Pages", zh: "版面" }
    PageList { en: "Page list", zh: "版面列表" }
    Scan { en: "Scan image", zh: "扫描图" }
    NextPage { en: "Next page", zh: "下一版" }
    PrevPage { en: "Previous page", zh: "上一版" }
    MarkDone { en: "Mark done", zh: "标记完成" }
    MarkInProgress { en: "Reopen", zh: "重新打开" }
    NotStarted { en: "not started", zh: "未开始" }
    InProgress { en: "in progress", zh: "进行中" }
    Done { en: "done", zh: "已完成" }
    FindingsLeft { en: "left", zh: "待查" }
    ResumeTitle { en: "Resume your work?", zh: "继续上次的校对？" }
    ResumeQuestion { en: "This page has saved proofreading work.", zh: "这一版有保存的校对进度。" }
    CrashQuestion { en: "The app did not close normally last time; this is the autosaved work.", zh: "上次程序没有正常关闭；这是自动保存的进度。" }
    SourceChanged { en: "The page changed on disk since the work was saved. Resuming applies the edits to the new text.", zh: "原文件在磁盘上已改变（与保存进度时不同）。继续会把修改套用到新的原文上。" }
    Resume { en: "Resume", zh: "继续" }
    ResumeAnyway { en: "Resume anyway", zh: "仍然继续" }
    StartOver { en: "Start over", zh: "重新开始" }
    CancelResume { en: "Cancel (leave the saved work as is)", zh: "取消（不动进度文件）" }
    SessionDamaged { en: "Saved work could not be used", zh: "进度文件无法使用" }
    KeptAs { en: "It was kept as", zh: "已另存为" }
    SessionSaveFailed { en: "Cannot save the work in progress", zh: "无法保存进度" }
    EditsLost { en: "edits did not fit the new text", zh: "处修改在新原文中找不到位置" }
    FitWidth { en: "Fit width", zh: "适合宽度" }
    ZoomIn { en: "Zoom in", zh: "放大" }
    ZoomOut { en: "Zoom out", zh: "缩小" }
    Hide { en: "Hide", zh: "隐藏" }
    ScanLoading { en: "Loading the scan…", zh: "正在载入扫描图…" }
    ScanFailed { en: "Cannot open the scan", zh: "无法打开扫描图" }
    NoScan { en: "No scan image with the page's name (PNG, JPEG, TIFF)", zh: "没有同名的扫描图（PNG、JPEG、TIFF）" }
    NoScanForPage { en: "The source names no image for this page", zh: "来源文件没有给出这一页的图像" }
    Downscaled { en: "downscaled to fit the GPU", zh: "已缩小以适应显卡" }
    NoPages { en: "No .txt pages in this folder", zh: "文件夹里没有 .txt 版面" }
    FolderFailed { en: "Cannot open the folder", zh: "无法打开文件夹" }
    SavedAt { en: "saved", zh: "保存于" }
    RecognizeScan { en: "Recognize scan…", zh: "识别扫描图…" }
    RecognizeTitle { en: "Recognize a scan (PNG, JPEG, TIFF or a scanned PDF)", zh: "识别扫描图（PNG、JPEG、TIFF 或扫描版 PDF）" }
    Recognize { en: "Recognize", zh: "识别" }
    Recognizing { en: "Recognizing", zh: "正在识别" }
    ScanFiles { en: "Scans", zh: "扫描图" }
    RecognizeFailed { en: "Cannot recognize the scan", zh: "无法识别扫描图" }
    TesseractMissing { en: "Tesseract (the OCR engine) is not installed. Install it with:", zh: "未安装文字识别引擎 Tesseract。请用以下命令安装：" }
    OcrLangMissing { en: "Tesseract has no data for the chosen language. Install it with:", zh: "Tesseract 缺少所选语言的识别数据。请用以下命令安装：" }
    RecognizedInto { en: "Recognized into", zh: "识别结果已写入" }
    RecognizeCancelled { en: "Recognition cancelled", zh: "已取消识别" }
    ScanOnlyPdfTitle { en: "A scan without a text layer", zh: "没有文字层的扫描件" }
    ScanOnlyPdf { en: "This PDF has no text layer: it is a scanned image only. Recognize its pages with Tesseract? Page N becomes NAME-pN.hocr beside the PDF, with its image NAME-pN.png.", zh: "此 PDF 没有文字层，只是扫描图。要用 Tesseract 识别各页吗？第 N 页将在 PDF 旁生成 NAME-pN.hocr 及其图像 NAME-pN.png。" }
    OcrHeading { en: "Recognition (Tesseract)", zh: "文字识别（Tesseract）" }
    OcrLanguage { en: "Language", zh: "识别语言" }
    OcrLayout { en: "Page layout", zh: "版面分析" }
    Psm3 { en: "Automatic (default)", zh: "自动（默认）" }
    Psm4 { en: "One column", zh: "单栏" }
    Psm5 { en: "One vertical block", zh: "单个竖排文本块" }
    Psm6 { en: "One block of text", zh: "单个文本块" }
    Psm11 { en: "Scattered text", zh: "零散文字" }
    LangChiSim { en: "Simplified Chinese", zh: "简体中文" }
    LangChiSimVert { en: "Simplified Chinese, vertical", zh: "简体中文（竖排）" }
    LangChiTra { en: "Traditional Chinese", zh: "繁体中文" }
    LangChiTraVert { en: "Traditional Chinese, vertical", zh: "繁体中文（竖排）" }
    NoOcrLanguages { en: "No Chinese language data installed", zh: "未安装中文识别数据" }
    ChangedOnDiskTitle { en: "Changed by another program", zh: "文件已被其他程序修改" }
    ChangedOnDiskText { en: "Another program changed this file after it was opened or last saved here. Nothing was written.", zh: "此文件在这里打开或上次保存之后，已被其他程序修改。尚未写入任何内容。" }
    DeletedOnDiskTitle { en: "Deleted by another program", zh: "文件已被其他程序删除" }
    DeletedOnDiskText { en: "Another program deleted or moved this file after it was opened or last saved here. Nothing was written.", zh: "此文件在这里打开或上次保存之后，已被其他程序删除或移走。尚未写入任何内容。" }
    ExistsTitle { en: "The file already exists", zh: "文件已存在" }
    ExistsText { en: "This file was not written by this window (another window or an earlier run may have made it). Replace it?", zh: "此文件不是本窗口写入的（可能来自另一个窗口或以前的工作）。是否替换？" }
    ReloadFromDisk { en: "Reload from disk", zh: "从磁盘重新载入" }
    ReloadNote { en: "Reload shows the file as it is now; Undo brings your edits back.", zh: "重新载入会显示文件现在的内容；“撤销”可找回您的修改。" }
    Overwrite { en: "Overwrite", zh: "覆盖" }
    SaveAgainHere { en: "Save here again", zh: "重新保存到此处" }
    Reloaded { en: "Reloaded from disk (Undo brings your edits back):", zh: "已从磁盘重新载入（“撤销”可找回您的修改）：" }
    OpenElsewhereTitle { en: "Open in another window", zh: "已在另一个窗口中打开" }
    OpenElsewhereText { en: "This page is open in another jiaodui window. Working on it in two windows makes two versions of the work.", zh: "此版面已在另一个校对窗口中打开。在两个窗口中同时校对会产生两份不同的进度。" }
    OpenElsewhereProcess { en: "Process", zh: "进程" }
    OpenElsewhereSince { en: "opened", zh: "打开于" }
    OpenAnyway { en: "Open anyway", zh: "仍然打开" }
    ClosePage { en: "Close this page", zh: "关闭此版面" }
    OtherDeskKept { en: "Another window's work on this page was kept as", zh: "另一个窗口对此版面的进度已另存为" }
}

/// "12 changes in 3 pages": the folder replace's preview and result.
pub fn changes_in_pages(changes: usize, pages: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{changes} changes in {pages} pages"),
        Lang::Zh => format!("共 {changes} 处更改，涉及 {pages} 个版面"),
    }
}

/// "page 2 of 3": which page of a PDF or multi-page file the scan shows
/// (`page` 0-based).
pub fn page_of(page: usize, pages: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("page {} of {pages}", page + 1),
        Lang::Zh => format!("第 {} / {pages} 页", page + 1),
    }
}

/// The go-to-line dialog's answer to a line past the end.
pub fn no_such_line(line: usize, lines: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("There is no line {line}: the page has lines 1 to {lines}."),
        Lang::Zh => format!("没有第 {line} 行：本页共 1 至 {lines} 行。"),
    }
}

/// The name of a Tesseract language the settings offer (`None`: not one of the
/// Chinese ones; the code is shown).
pub fn ocr_language_name(code: &str) -> Option<T> {
    Some(match code {
        "chi_sim" => T::LangChiSim,
        "chi_sim_vert" => T::LangChiSimVert,
        "chi_tra" => T::LangChiTra,
        "chi_tra_vert" => T::LangChiTraVert,
        _ => return None,
    })
}

/// The page segmentation modes the settings offer, with their labels.
pub const OCR_PSMS: &[(u8, T)] = &[
    (3, T::Psm3),
    (4, T::Psm4),
    (5, T::Psm5),
    (6, T::Psm6),
    (11, T::Psm11),
];

/// The rule's name as shown to editors (from the rule registry; the kebab-case id
/// stays in tooltips and files).
pub fn rule_name(rule: RuleId, lang: Lang) -> &'static str {
    rule.name(lang)
}

#[cfg(test)]
mod label_tests {
    use super::*;

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every label exists in both languages: English with no Chinese in it (the
    /// About text names the app 校对 on purpose), Chinese in Chinese.
    #[test]
    fn every_label_in_both_languages() {
        for &t in T::ALL {
            let (en, zh) = (t.get(Lang::En), t.get(Lang::Zh));
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{t:?}");
            assert!(
                t == T::AboutText || !has_han(en),
                "{t:?}: English label has Chinese: {en}"
            );
            assert!(has_han(zh), "{t:?}: Chinese label has no Chinese: {zh}");
        }
    }
}
