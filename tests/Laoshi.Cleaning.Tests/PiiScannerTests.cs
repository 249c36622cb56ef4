namespace Laoshi.Cleaning.Tests;

public sealed class PiiScannerTests
{
    private static (PiiKind Kind, string Value)[] Found(string text) =>
        PiiScanner.Find(text).Select(m => (m.Kind, m.Value)).ToArray();

    [Fact]
    public void Finds_each_kind_in_chinese_text_with_offsets_into_the_original()
    {
        const string text = "请联系张三：手机13812345678，邮箱zhang.san@example.com.cn，身份证11010519491231002X，" +
                            "银行卡6222 0212 3456 7890 128，服务器192.168.1.10或2001:db8::8a2e:370:7334。";
        var found = PiiScanner.Find(text);
        Assert.Equal(
            [
                (PiiKind.Phone, "13812345678"), (PiiKind.Email, "zhang.san@example.com.cn"), (PiiKind.IdNumber, "11010519491231002X"),
                (PiiKind.BankCard, "6222 0212 3456 7890 128"), (PiiKind.Ip, "192.168.1.10"), (PiiKind.Ip, "2001:db8::8a2e:370:7334"),
            ],
            found.Select(m => (m.Kind, m.Value)).ToArray());
        foreach (var match in found) Assert.Equal(match.Value, text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("电话 138-1234-5678 找我", "138-1234-5678")]
    [InlineData("电话138.1234.5678", "138.1234.5678")]
    [InlineData("call +86 138 1234 5678 now", "+86 138 1234 5678")]
    [InlineData("(+86)13912345678", "(+86)13912345678")]
    [InlineData("Tel: +44 20 7946 0958.", "+44 20 7946 0958")]
    [InlineData("US office +1 (415) 555-2671", "+1 (415) 555-2671")]
    [InlineData("座机010-62345678转8", "010-62345678")]
    [InlineData("全角１３８１２３４５６７８号码", "１３８１２３４５６７８")]
    public void Finds_phone_numbers_in_their_usual_forms(string text, string phone) =>
        Assert.Equal([(PiiKind.Phone, phone)], Found(text));

    [Theory]
    [InlineData("订单号 2023111512345678901 已发货")]     // 19 digits, fails Luhn
    [InlineData("编号 123456789012")]                    // 12 digits: no kind
    [InlineData("version 1.2.3.4.5 and 3.14")]          // dotted numbers that are not addresses
    [InlineData("会议 12:30:45 开始")]                    // a time is not IPv6
    [InlineData("号码 12812345678")]                     // 12x is not a Chinese mobile prefix
    [InlineData("流水 213812345678 号")]                 // a mobile inside a longer number
    [InlineData("身份证 110105194912310021")]            // wrong check character
    [InlineData("身份证 110105194902300027")]            // 30 February
    [InlineData("卡号 0000 0000 0000 0000")]             // passes Luhn, but all zeros
    [InlineData("price +5 and -3")]
    [InlineData("mixed 138-1234.5678 separators")]
    [InlineData("时间戳 20231115123009 与 20231115123045002")]  // both pass Luhn; 2-series cards are 2221–2720
    public void Ignores_lookalikes(string text) => Assert.Empty(Found(text));

    [Fact]
    public void An_id_number_that_also_passes_luhn_is_an_id_number_only()
    {
        var id = MakeIdWithLuhn();
        Assert.Equal([(PiiKind.IdNumber, id)], Found($"证件{id}。"));
    }

    [Fact]
    public void Bank_cards_need_a_valid_luhn_digit()
    {
        Assert.Equal([(PiiKind.BankCard, "4111111111111111")], Found("visa 4111111111111111 ok"));
        Assert.Empty(Found("visa 4111111111111112 ok"));
        Assert.Equal([(PiiKind.BankCard, "4111-1111-1111-1111")], Found("visa 4111-1111-1111-1111"));
    }

    [Fact]
    public void Ipv4_octets_must_be_at_most_255_and_ipv6_must_parse()
    {
        Assert.Equal([(PiiKind.Ip, "10.0.0.255")], Found("from 10.0.0.255 to 10.0.0.256"));
        Assert.Equal([(PiiKind.Ip, "::1"), (PiiKind.Ip, "fe80::1ff:fe23:4567:890a")], Found("loopback ::1 and fe80::1ff:fe23:4567:890a"));
        Assert.Empty(Found("not 2001:db8:::1 nor 1:2:3"));
    }

    [Fact]
    public void An_international_number_is_not_read_as_a_chinese_mobile_after_its_country_code() =>
        Assert.Equal([(PiiKind.Phone, "+7 139 1234 5678")], Found("Moscow office: +7 139 1234 5678."));

    [Fact]
    public void An_id_shaped_number_with_a_wrong_check_character_is_not_a_bank_card_either()
    {
        // 18 digits with a birth date in them that happen to pass Luhn: a mistyped ID, not a card.
        var candidates = Enumerable.Range(0, 1000).Select(n => $"44030419900101{n:000}")
            .Select(first17 => first17 + (char)('0' + (ChineseResidentId.CheckCharacter(first17) == '0' ? 1 : 0)))
            .Where(number => Luhn.IsValid(number) && !ChineseResidentId.IsValid(number));
        Assert.Empty(Found($"编号{candidates.First()}"));
    }

    [Fact]
    public void A_full_width_colon_after_a_label_is_not_part_of_an_ipv6_address() =>
        Assert.Equal([(PiiKind.Ip, "2001:db8:9b44::3c4e")], Found("服务器地址：2001:db8:9b44::3c4e，请检查"));

    [Fact]
    public void Kinds_can_be_restricted()
    {
        const string text = "a@b.cn 13812345678";
        Assert.Equal([(PiiKind.Phone, "13812345678")], PiiScanner.Find(text, [PiiKind.Phone]).Select(m => (m.Kind, m.Value)).ToArray());
    }

    [Fact]
    public void Report_names_are_the_cli_json_names()
    {
        Assert.Equal(["email", "phone", "id_number", "bank_card", "ip"], PiiKinds.All.Select(k => k.JsonName()).ToArray());
        Assert.Equal(PiiKind.BankCard, PiiKinds.Parse("bank_card"));
        Assert.Contains("id_number", Assert.Throws<Laoshi.Core.Errors.BadInputException>(() => PiiKinds.Parse("passport")).Message);
    }

    [Fact]
    public void Check_characters_follow_gb_11643()
    {
        Assert.Equal('X', ChineseResidentId.CheckCharacter("11010519491231002"));
        Assert.True(ChineseResidentId.IsValid("11010519491231002X"));
        Assert.True(ChineseResidentId.IsValid("11010519491231002x"));
        Assert.False(ChineseResidentId.IsValid("91010519491231002X"));
    }

    // An ID whose 18 digits are also Luhn-valid: vary the sequence number until both checks pass.
    private static string MakeIdWithLuhn()
    {
        for (var sequence = 0; sequence < 1000; sequence++)
        {
            var first17 = $"44030419900101{sequence:000}";
            var check = ChineseResidentId.CheckCharacter(first17);
            var id = first17 + check;
            if (check != 'X' && Luhn.IsValid(id)) return id;
        }
        throw new InvalidOperationException("no such ID");
    }
}
