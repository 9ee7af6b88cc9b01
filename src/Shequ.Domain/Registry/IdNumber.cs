using System.Globalization;

namespace Shequ.Domain.Registry;

public enum Sex
{
    Female = 0,
    Male = 1,
}

public enum IdNumberProblem
{
    Missing,
    WrongLength,
    WrongCharacters,
    WrongCheckCharacter,
    InvalidBirthDate,
    BirthDateInFuture,
}

/// <summary>
/// A resident identity number (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit
/// sequence whose parity gives the sex, and a check character. Stored with an upper-case X.
/// </summary>
public readonly record struct IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private IdNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    public string Value { get; }

    public DateOnly BirthDate { get; }

    public string AddressCode => Value[..6];

    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>The check character for the first 17 digits: Σ aᵢ·Wᵢ mod 11 mapped through "10X98765432".</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("17 digits are needed", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Parses an ID number; lower-case x is accepted, surrounding spaces ignored.</summary>
    public static bool TryParse(string? input, DateOnly today, out IdNumber id, out IdNumberProblem problem)
    {
        id = default;
        var s = input?.Trim().ToUpperInvariant() ?? string.Empty;
        if (s.Length == 0)
        {
            problem = IdNumberProblem.Missing;
            return false;
        }

        if (s.Length != 18)
        {
            problem = IdNumberProblem.WrongLength;
            return false;
        }

        if (!s.AsSpan(0, 17).ContainsOnlyDigits() || !(char.IsAsciiDigit(s[17]) || s[17] == 'X'))
        {
            problem = IdNumberProblem.WrongCharacters;
            return false;
        }

        if (CheckCharacterFor(s.AsSpan(0, 17)) != s[17])
        {
            problem = IdNumberProblem.WrongCheckCharacter;
            return false;
        }

        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) || birth.Year < 1850)
        {
            problem = IdNumberProblem.InvalidBirthDate;
            return false;
        }

        if (birth > today)
        {
            problem = IdNumberProblem.BirthDateInFuture;
            return false;
        }

        id = new IdNumber(s, birth);
        problem = default;
        return true;
    }

    /// <summary>Builds a valid number from its parts; used by the demo and benchmark generators.</summary>
    public static IdNumber Compose(string addressCode, DateOnly birthDate, int sequence)
    {
        ArgumentNullException.ThrowIfNull(addressCode);
        if (addressCode.Length != 6 || !addressCode.AsSpan().ContainsOnlyDigits() || sequence is < 0 or > 999)
        {
            throw new ArgumentException("a 6-digit address code and a sequence 0–999 are needed");
        }

        var first17 = string.Concat(addressCode, birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), sequence.ToString("000", CultureInfo.InvariantCulture));
        return new IdNumber(first17 + CheckCharacterFor(first17), birthDate);
    }

    /// <summary>Age in whole years on <paramref name="day"/>.</summary>
    public int AgeOn(DateOnly day) => AgeOn(BirthDate, day);

    /// <summary>Whole years between a birth date and <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        return birthDate.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>De-identified display, e.g. 1***************2X (first one, last two kept).</summary>
    public string Masked => Mask(Value);

    /// <summary>Masks a stored 18-character number the same way, without parsing it again.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Concat(value.AsSpan(0, 1), new string('*', 15), value.AsSpan(16, 2));
    }

    public override string ToString() => Masked;

    public static string Describe(IdNumberProblem problem) => problem switch
    {
        IdNumberProblem.Missing => "请填写身份证号码。",
        IdNumberProblem.WrongLength => "身份证号码应为 18 位。",
        IdNumberProblem.WrongCharacters => "身份证号码前 17 位应为数字，最后一位为数字或 X。",
        IdNumberProblem.WrongCheckCharacter => "身份证号码校验位不正确，请核对。",
        IdNumberProblem.InvalidBirthDate => "身份证号码中的出生日期无效。",
        _ => "身份证号码中的出生日期晚于今天。",
    };
}

internal static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
