namespace Laoshi.Cleaning.Tests;

/// <summary>
/// Seeded short texts in families: a base sentence (Chinese words, sometimes English) and variants of it with a few
/// characters changed, inserted or deleted, some in traditional script or full width, so near duplicates at every
/// similarity exist beside unrelated texts.
/// </summary>
internal static class GeneratedTexts
{
    private static readonly string[] ChineseWords =
    [
        "我们", "今天", "订单", "什么", "时候", "可以", "发货", "已经", "等了", "三天", "请问", "客服", "退款", "申请", "商品",
        "质量", "非常", "不错", "物流", "太慢", "包装", "破损", "颜色", "尺寸", "合适", "喜欢", "推荐", "朋友", "购买", "价格",
        "便宜", "优惠", "活动", "会员", "积分", "兑换", "地址", "修改", "电话", "联系", "快递", "小哥", "服务", "态度", "满意",
        "问题", "解决", "手机", "电脑", "耳机", "屏幕", "电池", "充电", "系统", "更新", "软件", "下载", "安装", "失败", "成功",
    ];

    private static readonly string[] EnglishWords =
    [
        "order", "ship", "when", "refund", "quality", "great", "slow", "delivery", "package", "broken", "color", "size", "love",
        "price", "cheap", "support", "phone", "battery", "screen", "update", "install", "failed", "thanks", "please", "help",
    ];

    public static IReadOnlyList<(string Id, string Text)> Make(int count, int seed)
    {
        var random = new Random(seed);
        var texts = new List<(string, string)>(count);
        while (texts.Count < count)
        {
            var english = random.NextDouble() < 0.2;
            var baseText = english ? EnglishSentence(random) : ChineseSentence(random);
            texts.Add(($"t{texts.Count}", baseText));
            var variants = random.NextDouble() < 0.5 ? random.Next(1, 5) : 0;
            for (var v = 0; v < variants && texts.Count < count; v++) texts.Add(($"t{texts.Count}", Variant(baseText, random)));
        }
        return texts;
    }

    private static string ChineseSentence(Random random)
    {
        var words = Enumerable.Range(0, random.Next(8, 20)).Select(_ => ChineseWords[random.Next(ChineseWords.Length)]);
        return string.Concat(words) + (random.Next(3) switch { 0 => "。", 1 => "？", _ => "！" });
    }

    private static string EnglishSentence(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(6, 14)).Select(_ => EnglishWords[random.Next(EnglishWords.Length)])) + ".";

    private static string Variant(string text, Random random)
    {
        var chars = text.ToList();
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits && chars.Count > 2; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars[at] = ChineseWords[random.Next(ChineseWords.Length)][0]; break;
                case 1: chars.RemoveAt(at); break;
                default: chars.Insert(at, ChineseWords[random.Next(ChineseWords.Length)][1]); break;
            }
        }
        var variant = new string(chars.ToArray());
        return random.Next(4) switch
        {
            0 => ChineseScript.ToTraditional(variant),
            1 => FullWidth.ToFullWidth(variant),
            _ => variant,
        };
    }
}
