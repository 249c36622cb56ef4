using System.Text;

namespace Laoshi.Bench;

/// <summary>
/// Short Chinese and English sentences, half and half, with a person and a place in each, so the same text
/// serves plain imports, span annotations and choices. Seeded: the same seed gives the same data.
/// </summary>
public sealed class SentenceGenerator(int seed)
{
    public static readonly IReadOnlyList<string> Sentiments = ["positive", "negative", "neutral"];

    private static readonly string[] EnglishNames = ["Alice", "Bob", "Chen Wei", "Dana", "Eitan", "Fatima", "Li Na", "Marco", "Priya", "Zhang San"];
    private static readonly string[] EnglishPlaces = ["Beijing", "Shanghai", "Paris", "the library", "Chengdu", "Berlin", "the market", "Hangzhou"];
    private static readonly string[] ChineseNames = ["小明", "王芳", "李雷", "韩梅梅", "张伟", "刘洋", "陈静", "老王"];
    private static readonly string[] ChinesePlaces = ["北京", "上海", "杭州", "成都", "图书馆", "菜市场", "西湖", "深圳"];

    private static readonly (string English, string Chinese)[] Moods =
    [
        ("was delighted with the trip", "玩得非常开心"),
        ("found the service terrible", "觉得服务太差了"),
        ("bought a red umbrella", "买了一把红色的伞"),
        ("loved the noodles there", "特别喜欢那里的面条"),
        ("missed the last train", "错过了最后一班火车"),
        ("met an old friend", "遇到了一位老朋友"),
    ];

    private static readonly string[] MoodSentiments = ["positive", "negative", "neutral", "positive", "negative", "neutral"];

    private readonly Random random = new(seed);
    private readonly StringBuilder builder = new();

    public Sentence Next()
    {
        var mood = random.Next(Moods.Length);
        return random.Next(2) == 0 ? English(mood) : Chinese(mood);
    }

    private Sentence English(int mood)
    {
        var name = EnglishNames[random.Next(EnglishNames.Length)];
        var place = EnglishPlaces[random.Next(EnglishPlaces.Length)];
        var day = random.Next(1, 29);
        builder.Clear();
        var nameStart = builder.Length;
        builder.Append(name).Append(" went to ");
        var placeStart = builder.Length;
        builder.Append(place).Append(" on day ").Append(day).Append(" and ").Append(Moods[mood].English).Append('.');
        return new Sentence(builder.ToString(),
            [new(nameStart, nameStart + name.Length, "PER", name), new(placeStart, placeStart + place.Length, "LOC", place)],
            MoodSentiments[mood]);
    }

    private Sentence Chinese(int mood)
    {
        var name = ChineseNames[random.Next(ChineseNames.Length)];
        var place = ChinesePlaces[random.Next(ChinesePlaces.Length)];
        var day = random.Next(1, 29);
        builder.Clear();
        var nameStart = builder.Length;
        builder.Append(name).Append(day).Append("号去了");
        var placeStart = builder.Length;
        builder.Append(place).Append('，').Append(Moods[mood].Chinese).Append('。');
        return new Sentence(builder.ToString(),
            [new(nameStart, nameStart + name.Length, "PER", name), new(placeStart, placeStart + place.Length, "LOC", place)],
            MoodSentiments[mood]);
    }
}
