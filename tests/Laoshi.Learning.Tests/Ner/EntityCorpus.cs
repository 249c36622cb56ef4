using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Ner;

/// <summary>
/// Generated "X lives in Y" texts with their entity spans, in English and in Chinese. Some names appear only in the
/// test part, so a model passes only if it learned the contexts and word shapes, not the names alone.
/// </summary>
public static class EntityCorpus
{
    public static readonly ModelTarget Target = new("entities", "text");

    private static readonly string[] EnglishPeople =
        ["Alice Smith", "Bob Jones", "Carol White", "David Brown", "Emma Wilson", "Frank Miller", "Grace Lee", "Henry Clark",
         "Irene Lewis", "Jack Walker", "Karen Hall", "Liam Young", "Maria Garcia", "Noah King", "Olivia Scott", "Peter Green"];
    private static readonly string[] EnglishPlaces =
        ["London", "Paris", "Berlin", "New York", "Madrid", "San Francisco", "Tokyo", "Boston", "Chicago", "Rome", "Vienna", "Dublin"];
    private static readonly string[] EnglishCompanies =
        ["Acme Corp", "Globex", "Initech", "Umbrella Inc", "Stark Industries", "Wayne Enterprises", "Hooli", "Vandelay Industries"];
    private static readonly string[] EnglishTemplates =
        ["{P} lives in {L}.", "{P} works for {O} in {L}.", "Yesterday {P} flew to {L} with a colleague.",
         "The manager of {O} is {P}.", "{P} moved from {L} to {L} last year.", "We met {P} at the {O} office.",
         "It rained in {L} all week.", "Nobody expected the meeting to end so early.", "{O} opened a new store in {L}."];

    private static readonly string[] ChinesePeople =
        ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄丽", "周杰", "吴刚", "徐明", "孙悦", "马超", "朱琳"];
    private static readonly string[] ChinesePlaces =
        ["北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "重庆", "天津", "苏州"];
    private static readonly string[] ChineseCompanies =
        ["华为公司", "腾讯公司", "阿里巴巴", "中国银行", "小米科技", "百度公司", "京东集团", "网易公司"];
    private static readonly string[] ChineseTemplates =
        ["{P}住在{L}。", "{P}在{L}的{O}工作。", "昨天{P}去了{L}。", "{O}的经理是{P}。", "{P}去年从{L}搬到了{L}。",
         "我们在{O}见到了{P}。", "{L}下了一整天的雨。", "今天的会议很早就结束了。", "{O}在{L}开了一家新店。"];

    public static (TrainingSet Train, IReadOnlyList<TrainingExample> Test) English(int train, int test, int seed) =>
        Build(EnglishTemplates, EnglishPeople, EnglishPlaces, EnglishCompanies, train, test, seed);

    public static (TrainingSet Train, IReadOnlyList<TrainingExample> Test) Chinese(int train, int test, int seed) =>
        Build(ChineseTemplates, ChinesePeople, ChinesePlaces, ChineseCompanies, train, test, seed);

    public static TrainingSet Set(IReadOnlyList<TrainingExample> examples) =>
        new(examples, ["PER", "LOC", "ORG"], MultiLabel: false, DataField: "text", Target);

    private static (TrainingSet, IReadOnlyList<TrainingExample>) Build(
        string[] templates, string[] people, string[] places, string[] companies, int train, int test, int seed)
    {
        var random = new Random(seed);
        // The last quarter of each list is kept for the test texts.
        static (string[] Seen, string[] Unseen) Split(string[] names) => (names[..(names.Length * 3 / 4)], names[(names.Length * 3 / 4)..]);
        var (seenPeople, newPeople) = Split(people);
        var (seenPlaces, newPlaces) = Split(places);
        var (seenCompanies, newCompanies) = Split(companies);
        var training = Enumerable.Range(0, train)
            .Select(i => Example($"train-{i}", templates[random.Next(templates.Length)], seenPeople, seenPlaces, seenCompanies, random)).ToList();
        var testing = Enumerable.Range(0, test)
            .Select(i => i % 2 == 0
                ? Example($"test-{i}", templates[random.Next(templates.Length)], newPeople, newPlaces, newCompanies, random)
                : Example($"test-{i}", templates[random.Next(templates.Length)], people, places, companies, random))
            .ToList();
        return (Set(training), testing);
    }

    private static TrainingExample Example(string id, string template, string[] people, string[] places, string[] companies, Random random)
    {
        var text = new StringBuilder();
        var spans = new List<LabelledSpan>();
        var rest = template.AsSpan();
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            if (open < 0)
            {
                text.Append(rest);
                break;
            }
            text.Append(rest[..open]);
            var (type, names) = rest[open + 1] switch
            {
                'P' => ("PER", people),
                'L' => ("LOC", places),
                _ => ("ORG", companies),
            };
            var name = names[random.Next(names.Length)];
            spans.Add(new LabelledSpan(text.Length, text.Length + name.Length, type));
            text.Append(name);
            rest = rest[(open + 3)..];
        }
        return new TrainingExample(id, new JsonObject { ["text"] = text.ToString() }, [], spans);
    }
}
