using Microsoft.AspNetCore.Identity;
using Shequ.Data.Access;

namespace Shequ.Web.Modules.Access;

/// <summary>
/// Security item A2: length 8–128 and no composition rules, but refuse passwords that appear on
/// common-password lists or are just the user name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    public const int MaxLength = 128;

    // The most frequent passwords of public breach corpora, plus local favourites.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "password", "password1", "password123", "passw0rd", "qwertyui",
        "qwerty123", "11111111", "00000000", "88888888", "66666666", "12341234", "abcd1234", "1qaz2wsx",
        "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1", "admin123", "administrator",
        "a1234567", "aa123456", "abc12345", "qwertyuiop", "1q2w3e4r", "zxcvbnm1", "woaini1314", "5201314520",
        "asdfghjk", "letmein1", "changeme", "trustno1", "shequ123", "shequ2026", "11223344", "87654321",
        "123123123", "147258369", "qq123456", "p@ssw0rd", "test1234", "password!", "1234qwer", "12344321",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordRequired", Description = "请输入密码。" }));
        }

        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"密码不能超过 {MaxLength} 个字符。" }));
        }

        if (Common.Contains(password) || string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "该密码过于常见或与用户名相同，请换一个。" }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}

/// <summary>Identity's own messages, in Chinese.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少 {length} 个字符。" };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效：只能包含字母、数字和 - . _ @。" };
}
