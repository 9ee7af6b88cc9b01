namespace Shequ.Domain.Common;

/// <summary>The four grades of the essays (E2-4): 优, 良, 中, 差.</summary>
public enum Grade
{
    Excellent = 1,
    Good = 2,
    Fair = 3,
    Poor = 4,
}

public static class GradeNames
{
    public static string Chinese(Grade grade) => grade switch
    {
        Grade.Excellent => "优",
        Grade.Good => "良",
        Grade.Fair => "中",
        Grade.Poor => "差",
        _ => grade.ToString(),
    };
}
