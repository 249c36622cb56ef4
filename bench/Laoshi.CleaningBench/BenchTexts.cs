using System.Text;
using Laoshi.Cleaning;

namespace Laoshi.CleaningBench;

/// <summary>
/// Seeded short texts (10–60 characters), 70 % Chinese from the 3,755 level-1 GB2312 characters in two-to-four
/// character words chosen with a Zipf law (common words recur, as in real text), 30 % English from a generated
/// vocabulary. A third of the base texts get 1–5 variants (1–6 characters substituted, inserted or deleted; some in
/// traditional script, full width or with other spacing) and 5 % are exact copies, each family written together
/// so a contiguous block of the stream is a sample with its near duplicates in it.
/// </summary>
internal static class BenchTexts
{
    public static List<string> Make(int count, int seed)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var random = new Random(seed);
        var characters = Level1Characters();
        var chineseWords = Enumerable.Range(0, 20_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(2, 5)).Select(_ => characters[random.Next(characters.Length)]).ToArray()))
            .ToArray();
        var englishWords = Enumerable.Range(0, 5_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(2, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray()))
            .ToArray();
        var zipf = new Zipf(chineseWords.Length, random);
        var zipfEnglish = new Zipf(englishWords.Length, random);
        var texts = new List<string>(count);
        while (texts.Count < count)
        {
            var english = random.NextDouble() < 0.3;
            var target = random.Next(10, 61);
            var builder = new StringBuilder();
            while (builder.Length < target)
            {
                if (english)
                {
                    if (builder.Length > 0) builder.Append(' ');
                    builder.Append(englishWords[zipfEnglish.Next()]);
                }
                else
                {
                    builder.Append(chineseWords[zipf.Next()]);
                    if (random.NextDouble() < 0.12) builder.Append(random.Next(2) == 0 ? '，' : '、');
                }
            }
            builder.Append(english ? "." : "。");
            var baseText = builder.ToString();
            texts.Add(baseText);
            if (random.NextDouble() < 0.05 && texts.Count < count) texts.Add(baseText);
            if (random.NextDouble() < 1.0 / 3)
            {
                var variants = random.Next(1, 6);
                for (var v = 0; v < variants && texts.Count < count; v++) texts.Add(Variant(baseText, random, characters));
            }
        }
        return texts;
    }

    private static string Variant(string text, Random random, char[] characters)
    {
        var chars = new List<char>(text);
        var edits = random.Next(1, 7);
        for (var e = 0; e < edits && chars.Count > 4; e++)
        {
            var at = random.Next(chars.Count);
            var replacement = char.IsAscii(chars[at]) ? (char)('a' + random.Next(26)) : characters[random.Next(characters.Length)];
            switch (random.Next(3))
            {
                case 0: chars[at] = replacement; break;
                case 1: chars.RemoveAt(at); break;
                default: chars.Insert(at, replacement); break;
            }
        }
        var variant = new string(chars.ToArray());
        return random.Next(6) switch
        {
            0 => ChineseScript.ToTraditional(variant),
            1 => FullWidth.ToFullWidth(variant),
            2 => "  " + variant.Replace("，", " , ") + "\u200B",
            _ => variant,
        };
    }

    // GB2312 level 1: rows 16–55 (bytes 0xB0–0xD7), 94 cells each, 0xD7FA–0xD7FE unused.
    private static char[] Level1Characters()
    {
        var gb2312 = Encoding.GetEncoding("GB2312");
        var result = new List<char>();
        for (var high = 0xB0; high <= 0xD7; high++)
        {
            for (var low = 0xA1; low <= 0xFE; low++)
            {
                if (high == 0xD7 && low > 0xF9) continue;
                var decoded = gb2312.GetString([(byte)high, (byte)low]);
                if (decoded.Length == 1 && decoded[0] > 0x4E00) result.Add(decoded[0]);
            }
        }
        return result.ToArray();
    }

    private sealed class Zipf(int size, Random random)
    {
        private readonly double[] _cumulative = Build(size);

        public int Next()
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
        }

        private static double[] Build(int size)
        {
            var weights = Enumerable.Range(1, size).Select(rank => 1.0 / rank).ToArray();
            var total = weights.Sum();
            var cumulative = new double[size];
            var sum = 0.0;
            for (var i = 0; i < size; i++) cumulative[i] = sum += weights[i] / total;
            return cumulative;
        }
    }
}
