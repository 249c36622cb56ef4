using Laoshi.Cleaning;

namespace Laoshi.CleaningBench;

/// <summary>One generated text and the personal data in it (kind, offset, length): the truth PII detection is scored against.</summary>
internal sealed record LabelledText(string Text, IReadOnlyList<(PiiKind Kind, int Start, int Length)> Truth);

/// <summary>
/// Seeded labelled texts for PII precision and recall: Chinese and English sentences holding 0–3 pieces of personal
/// data, each kind in the forms people write it, beside look-alikes that are not personal data (dates, times,
/// prices, versions, 6-digit codes, 20-digit order numbers, 14-digit timestamps, ISBNs, courier numbers, ID numbers
/// with a wrong check character, card numbers failing Luhn, and 16-digit serials that a card number cannot be told
/// from). Some phone numbers are written with dots (138.1234.5678), which the scanner does not read as a phone.
/// </summary>
internal static class PiiSet
{
    private static readonly string[] Openings = ["请联系", "我的", "客户留下了", "Contact ", "备注：", "用户反馈", "Send to ", "记录"];
    private static readonly string[] Joins = ["，另外", "；", " and ", "，还有", "。", " / ", "，"];

    public static List<LabelledText> Make(int count, int seed)
    {
        var random = new Random(seed);
        var result = new List<LabelledText>(count);
        for (var n = 0; n < count; n++)
        {
            var text = new System.Text.StringBuilder(Openings[random.Next(Openings.Length)]);
            var truth = new List<(PiiKind, int, int)>();
            var pieces = random.Next(0, 4);
            var decoys = random.Next(0, 3);
            var slots = Enumerable.Repeat(true, pieces).Concat(Enumerable.Repeat(false, decoys)).OrderBy(_ => random.Next()).ToList();
            foreach (var isPii in slots)
            {
                if (isPii)
                {
                    var kind = PiiKinds.All[random.Next(PiiKinds.All.Count)];
                    var value = Value(kind, random);
                    truth.Add((kind, text.Length, value.Length));
                    text.Append(value);
                }
                else
                {
                    text.Append(Decoy(random));
                }
                text.Append(Joins[random.Next(Joins.Length)]);
            }
            text.Append(random.Next(2) == 0 ? "谢谢。" : "thanks.");
            result.Add(new LabelledText(text.ToString(), truth));
        }
        return result;
    }

    private static string Value(PiiKind kind, Random random) => kind switch
    {
        PiiKind.Email => Email(random),
        PiiKind.Phone => Phone(random),
        PiiKind.IdNumber => IdNumber(random),
        PiiKind.BankCard => BankCard(random),
        _ => random.Next(4) switch
        {
            0 => $"2001:db8:{random.Next(0x10000):x}::{random.Next(0x10000):x}",
            1 => string.Join(':', Enumerable.Range(0, 8).Select(_ => random.Next(0x10000).ToString("x"))),
            _ => $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}",
        },
    };

    private static string Email(Random random)
    {
        var local = $"{Word(random)}{(random.Next(2) == 0 ? "." + Word(random) : random.Next(100).ToString())}";
        var domain = $"{(random.Next(4) == 0 ? "mail-" : "")}{Word(random)}.{(random.Next(3) switch { 0 => "com", 1 => "cn", _ => "com.cn" })}";
        var email = $"{local}@{domain}";
        return random.Next(5) == 0 ? email.ToUpperInvariant() : email;
    }

    private static string Phone(Random random)
    {
        var mobile = $"1{"3456789"[random.Next(7)]}{random.Next(10)}{random.Next(10_000_000, 100_000_000)}";
        return random.Next(9) switch
        {
            0 => mobile,
            1 => $"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
            2 => $"+86 {mobile[..3]} {mobile[3..7]} {mobile[7..]}",
            3 => $"+{random.Next(1, 99)} {random.Next(10, 999)} {random.Next(1000, 9999)} {random.Next(1000, 9999)}",
            4 => $"0{random.Next(10, 99)}-{random.Next(2, 9)}{random.Next(1_000_000, 9_999_999)}",
            5 => FullWidth.ToFullWidth(mobile),
            6 => $"0086{mobile}",
            7 => random.Next(4) == 0 ? $"{mobile[..3]}.{mobile[3..7]}.{mobile[7..]}" : $"(+86){mobile}",
            _ => $"(0{random.Next(10, 99)}) {random.Next(2, 9)}{random.Next(100, 999)} {random.Next(1000, 9999)}",
        };
    }

    private static string IdNumber(Random random)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 60));
        var first17 = $"{random.Next(11, 66)}{random.Next(1000, 9999)}{birth:yyyyMMdd}{random.Next(0, 1000):000}";
        return first17 + ChineseResidentId.CheckCharacter(first17);
    }

    private static string BankCard(Random random)
    {
        var length = random.Next(2) == 0 ? 16 : 19;
        var payload = "62" + string.Concat(Enumerable.Range(0, length - 3).Select(_ => random.Next(10)));
        var number = payload + Luhn.CheckDigit(payload);
        return random.Next(2) == 0 ? number : string.Join(' ', number.Chunk(4).Select(c => new string(c)));
    }

    private static string Decoy(Random random)
    {
        switch (random.Next(13))
        {
            // Ambiguous on purpose: a 16-digit serial starting with 6 passes Luhn one time in ten and then reads as a
            // UnionPay card; no pattern can tell them apart, so this sets an honest ceiling on bank-card precision.
            case 12: return $"流水号6{random.NextInt64(100_000_000_000_000, 999_999_999_999_999)}";
            case 9: return $"{random.Next(2000, 2030)}{random.Next(1, 13):00}{random.Next(1, 29):00}{random.Next(24):00}{random.Next(60):00}{random.Next(60):00}";
            case 10: return $"ISBN 978-7-{random.Next(100, 999)}-{random.Next(10000, 99999)}-{random.Next(10)}";
            case 11: return $"SF{random.NextInt64(1_000_000_000_000, 9_999_999_999_999)}";
            case 0: return $"{random.Next(2000, 2030)}-{random.Next(1, 13):00}-{random.Next(1, 29):00}";
            case 1: return $"{random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}";
            case 2: return $"¥{random.Next(1, 100_000)}.{random.Next(100):00}";
            case 3: return $"v{random.Next(10)}.{random.Next(20)}.{random.Next(100)}";
            case 4: return $"验证码{random.Next(100_000, 1_000_000)}";
            case 5: return $"订单号{random.NextInt64(10_000_000_000, 99_999_999_999)}{random.NextInt64(100_000_000, 999_999_999)}";
            case 6:
            {
                var id = IdNumber(random);
                var wrong = id[17] == '0' ? '1' : '0';
                return $"编号{id[..17]}{(ChineseResidentId.CheckCharacter(id.AsSpan(0, 17)) == wrong ? '2' : wrong)}";
            }
            case 7:
            {
                var card = BankCard(random).Replace(" ", "");
                var last = (char)('0' + (card[^1] - '0' + 1) % 10);
                return $"卡{card[..^1]}{last}";
            }
            default: return $"{random.Next(1, 1000)}件商品";
        }
    }

    private static string Word(Random random) =>
        new(Enumerable.Range(0, random.Next(3, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray());
}
