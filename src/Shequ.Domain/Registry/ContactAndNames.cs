using System.Globalization;
using System.Text;

namespace Shequ.Domain.Registry;

/// <summary>A mainland mobile number: 11 digits matching ^1[3-9]\d{9}$, an optional +86/0086 prefix dropped.</summary>
public readonly record struct MobileNumber
{
    private MobileNumber(string value) => Value = value;

    public const string Problem = "手机号码应为 11 位（1 开头，第二位 3–9），可带 +86。";

    public string Value { get; }

    /// <summary>De-identified display, e.g. 180****1999.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 3), "****", Value.AsSpan(7, 4));

    public static bool TryParse(string? input, out MobileNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var digits = new StringBuilder(input.Length);
        foreach (var c in input.Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return false;
            }
        }

        var s = digits.ToString();
        if (s.StartsWith("+86", StringComparison.Ordinal))
        {
            s = s[3..];
        }
        else if (s.StartsWith("0086", StringComparison.Ordinal))
        {
            s = s[4..];
        }

        if (s.Length != 11 || s[0] != '1' || s[1] is < '3' or > '9' || !s.AsSpan().ContainsOnlyDigits())
        {
            return false;
        }

        number = new MobileNumber(s);
        return true;
    }

    public override string ToString() => Masked;
}

/// <summary>
/// Personal names: any Unicode text GB18030 can carry (rare characters such as 𣵦 included), at least
/// 50 characters of room, and the middle dot of minority names normalised to U+00B7.
/// </summary>
public static class PersonName
{
    public const int MaxCharacters = 64;

    /// <summary>Characters people type for the middle dot in names like 阿依古丽·买买提.</summary>
    private const string DotLookAlikes = "•・．‧･∙⋅";

    /// <summary>Normalises the name, or returns null with a reason in <paramref name="problem"/>.</summary>
    public static string? Normalize(string? input, out string? problem)
    {
        problem = null;
        var collapsed = string.Join(' ', (input ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length == 0)
        {
            problem = "请填写姓名。";
            return null;
        }

        var sb = new StringBuilder(collapsed.Length);
        foreach (var c in collapsed)
        {
            sb.Append(DotLookAlikes.Contains(c, StringComparison.Ordinal) ? '\u00B7' : c);
        }

        // U+FFFD is what a wrong encoding conversion leaves behind: the name was damaged before it got here.
        var raw = sb.ToString();
        if (!IsWellFormed(raw) || raw.Any(c => char.IsControl(c) || c == '\uFFFD'))
        {
            problem = "姓名含有无法识别的字符。";
            return null;
        }

        var name = raw.Normalize(NormalizationForm.FormC);

        if (new StringInfo(name).LengthInTextElements > MaxCharacters)
        {
            problem = $"姓名不能超过 {MaxCharacters} 个字。";
            return null;
        }

        return name;
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}

public enum DisabilityCategory
{
    Visual = 1,
    Hearing = 2,
    Speech = 3,
    Physical = 4,
    Intellectual = 5,
    Mental = 6,
    Multiple = 7,
}

/// <summary>A disability certificate number: the holder's 18-character ID + category digit (1–7) + grade digit (1 most severe – 4).</summary>
public readonly record struct DisabilityCertificate(IdNumber Holder, DisabilityCategory Category, int Grade)
{
    public string Number => $"{Holder.Value}{(int)Category}{Grade}";

    public static bool TryParse(string? input, DateOnly today, out DisabilityCertificate certificate)
    {
        certificate = default;
        var s = input?.Trim().ToUpperInvariant() ?? string.Empty;
        if (s.Length != 20 || !IdNumber.TryParse(s[..18], today, out var id, out _))
        {
            return false;
        }

        var category = s[18] - '0';
        var grade = s[19] - '0';
        if (category is < 1 or > 7 || grade is < 1 or > 4)
        {
            return false;
        }

        certificate = new DisabilityCertificate(id, (DisabilityCategory)category, grade);
        return true;
    }
}
