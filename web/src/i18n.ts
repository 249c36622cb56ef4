// Every string the UI shows, in English and Simplified Chinese. The language is chosen once from the
// browser, can be switched in the header, and is remembered in localStorage.

const en = {
  appName: "Laoshi",
  language: "Language",
  projects: "Projects",
  project: "Project",
  items: "Items",
  itemCount: "{n} items",
  progress: "Progress",
  progressOf: "{done} of {total} annotated",
  loading: "Loading…",
  noProjects: "No projects yet.",
  openData: "Data",
  openWork: "Annotate",
  data: "Data",
  workspace: "Workspace",
  submit: "Submit",
  skip: "Skip",
  undo: "Undo",
  redo: "Redo",
  help: "Keyboard shortcuts",
  close: "Close",
  done: "Nothing left to annotate in this project.",
  backToProjects: "Back to projects",
  text: "Text",
  image: "Image annotation",
  waveform: "Waveform",
  regions: "Regions",
  noRegions: "No regions yet.",
  deleteRegion: "Delete region {n}",
  regionN: "Region {n}",
  transcript: "Transcript",
  playPause: "Play / pause",
  play: "Play",
  pause: "Pause",
  speed: "Speed",
  acceptPredictions: "Accept pre-labels",
  predictions: "Pre-labels",
  predictionsHint: "Dashed outlines are a model's pre-labels; press Shift+A to accept them.",
  tool: "Tool",
  toolBox: "Box",
  toolPolygon: "Polygon",
  toolKeypoint: "Key point",
  zoomReset: "Reset zoom",
  status: "Status",
  label: "Label",
  search: "Search text",
  apply: "Apply",
  any: "Any",
  loadMore: "Load more",
  noItems: "No items match.",
  statusNew: "new",
  statusInProgress: "in progress",
  statusAnnotated: "annotated",
  statusSkipped: "skipped",
  item: "Item {id}",
  seconds: "{s} s",
  points: "{n} points",
  saved: "Saved",
  submitted: "Submitted",
  skipped: "Skipped",
  error: "Error: {message}",
  draftRestored: "Draft restored",
  selectTextFirst: "Select some text first",
  guideline: "Guideline",
  shortcuts: "Shortcuts",
  keySubmit: "Submit",
  keyUndo: "Undo",
  keyRedo: "Redo",
  keyHelp: "Show this help",
  keyDelete: "Delete the selected region",
  keyAccept: "Accept pre-labels",
  keyPlay: "Play / pause audio",
  keyZoom: "Zoom (wheel) / pan (hold Space and drag)",
  keyNudge: "Move the selected region (Shift: faster)",
  keyPolygonClose: "Close the polygon",
  keyLabel: "{control}: {label}",
  keyEscape: "Cancel drawing / close",
  user: "User",
  rating: "Rating",
  ratingStar: "{n} of {max}",
  duration: "Duration",
  selected: "Selected",
  pickLabel: "Choose a label first",
  required: "“{name}” needs an answer before submitting",
};

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  appName: "Laoshi",
  language: "语言",
  projects: "项目",
  project: "项目",
  items: "条目",
  itemCount: "{n} 条",
  progress: "进度",
  progressOf: "已标注 {done} / {total}",
  loading: "加载中…",
  noProjects: "还没有项目。",
  openData: "数据",
  openWork: "标注",
  data: "数据",
  workspace: "工作区",
  submit: "提交",
  skip: "跳过",
  undo: "撤销",
  redo: "重做",
  help: "键盘快捷键",
  close: "关闭",
  done: "此项目已没有待标注的条目。",
  backToProjects: "返回项目列表",
  text: "文本",
  image: "图像标注",
  waveform: "波形",
  regions: "区域",
  noRegions: "还没有区域。",
  deleteRegion: "删除区域 {n}",
  regionN: "区域 {n}",
  transcript: "转写",
  playPause: "播放 / 暂停",
  play: "播放",
  pause: "暂停",
  speed: "速度",
  acceptPredictions: "接受预标注",
  predictions: "预标注",
  predictionsHint: "虚线是模型的预标注；按 Shift+A 接受。",
  tool: "工具",
  toolBox: "矩形框",
  toolPolygon: "多边形",
  toolKeypoint: "关键点",
  zoomReset: "重置缩放",
  status: "状态",
  label: "标签",
  search: "搜索文本",
  apply: "应用",
  any: "全部",
  loadMore: "加载更多",
  noItems: "没有符合条件的条目。",
  statusNew: "新建",
  statusInProgress: "进行中",
  statusAnnotated: "已标注",
  statusSkipped: "已跳过",
  item: "条目 {id}",
  seconds: "{s} 秒",
  points: "{n} 个点",
  saved: "已保存",
  submitted: "已提交",
  skipped: "已跳过",
  error: "错误：{message}",
  draftRestored: "已恢复草稿",
  selectTextFirst: "请先选择文本",
  guideline: "标注指南",
  shortcuts: "快捷键",
  keySubmit: "提交",
  keyUndo: "撤销",
  keyRedo: "重做",
  keyHelp: "显示此帮助",
  keyDelete: "删除选中的区域",
  keyAccept: "接受预标注",
  keyPlay: "播放 / 暂停音频",
  keyZoom: "缩放（滚轮）/ 平移（按住空格拖动）",
  keyNudge: "移动选中的区域（按住 Shift 更快）",
  keyPolygonClose: "闭合多边形",
  keyLabel: "{control}：{label}",
  keyEscape: "取消绘制 / 关闭",
  user: "用户",
  rating: "评分",
  ratingStar: "{n} / {max}",
  duration: "时长",
  selected: "已选中",
  pickLabel: "请先选择标签",
  required: "提交前请先完成“{name}”",
};

export type Lang = "en" | "zh-CN";
const dictionaries: Record<Lang, Record<Key, string>> = { en, "zh-CN": zh };
const storageKey = "laoshi.lang";

function initialLang(): Lang {
  const saved = localStorage.getItem(storageKey);
  if (saved === "en" || saved === "zh-CN") return saved;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
}

/** The string for key in the current language, with {name} placeholders filled in. */
export function t(key: Key, args: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(args[name] ?? ""));
}

export function statusName(status: string): string {
  switch (status) {
    case "new": return t("statusNew");
    case "in_progress": return t("statusInProgress");
    case "annotated": return t("statusAnnotated");
    case "skipped": return t("statusSkipped");
    default: return status;
  }
}
