using Shequ.Domain.Common;

namespace Shequ.Domain.Tests.Common;

public class PlainTextTests
{
    [Theory]
    [InlineData("黄雨涵")]
    [InlineData("Zhang San-Li")]
    [InlineData("阿卜杜热合曼·买买提")]
    public void Ordinary_names_pass(string name) => new TextMustBePlainAndFitRule("姓名", name, 50, freeText: false).IsBroken().ShouldBeFalse();

    [Theory]
    [InlineData("黄\0雨涵")]
    [InlineData("社工\u202E长主")]
    [InlineData("\u2066社区\u2069")]
    [InlineData("a\u0085b")]
    [InlineData("第一行\n第二行")]
    public void Hidden_characters_in_a_name_are_refused_with_a_clear_message(string name)
    {
        var rule = new TextMustBePlainAndFitRule("姓名", name, 50, freeText: false);
        rule.IsBroken().ShouldBeTrue();
        rule.Message.ShouldBe("「姓名」含有不可见的控制字符或文字方向控制符，请删除后重试。");
    }

    [Fact]
    public void Free_text_keeps_its_line_breaks_but_not_a_right_to_left_override()
    {
        new TextMustBePlainAndFitRule("内容", "第一行\r\n第二行\t完", 1000, freeText: true).IsBroken().ShouldBeFalse();
        new TextMustBePlainAndFitRule("内容", "请\u202E回复", 1000, freeText: true).IsBroken().ShouldBeTrue();
    }

    [Fact]
    public void Text_over_its_field_length_says_how_long_it_may_be()
    {
        var rule = new TextMustBePlainAndFitRule("职务", new string('长', 51), 50, freeText: false);
        rule.IsBroken().ShouldBeTrue();
        rule.Message.ShouldBe("「职务」太长：最多 50 个字符，现有 51 个。");
        new TextMustBePlainAndFitRule("职务", new string('长', 50), 50, freeText: false).IsBroken().ShouldBeFalse();
    }
}
