using NinSearch.Core.Spaces;

namespace NinSearch.Core.Tests;

/// <summary>Standard test functions (to minimize) and their spaces.</summary>
internal static class SyntheticFunctions
{
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[,] A = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] P =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    public static SearchSpace HartmannSpace { get; } = new([.. Enumerable.Range(0, 6).Select(i => new FloatDimension($"x{i}", 0, 1))]);

    /// <summary>Hartmann-6; minimum −3.32237.</summary>
    public static double Hartmann6(Configuration c)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++) inner += A[i, j] * Math.Pow(c.GetDouble($"x{j}") - P[i, j], 2);
            sum += Alpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }

    /// <summary>Branch "a" is Branin over (x1, x2) (minimum 0.397887); branch "b" is a worse bowl 60 + 20·y² (x1, x2 do not exist there).</summary>
    public static SearchSpace ConditionalBraninSpace { get; } = new(
    [
        new CategoricalDimension("branch", [ParamValue.OfString("b"), ParamValue.OfString("a")]),
        new FloatDimension("x1", -5, 10, when: new DimensionCondition("branch", In: [ParamValue.OfString("a")])),
        new FloatDimension("x2", 0, 15, when: new DimensionCondition("branch", In: [ParamValue.OfString("a")])),
        new FloatDimension("y", 0, 1, when: new DimensionCondition("branch", In: [ParamValue.OfString("b")])),
    ]);

    public static double ConditionalBranin(Configuration c)
    {
        if (c.GetString("branch") == "b") return 60 + 20 * Math.Pow(c.GetDouble("y"), 2);
        var (x1, x2) = (c.GetDouble("x1"), c.GetDouble("x2"));
        const double b = 5.1 / (4 * Math.PI * Math.PI), cc = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - b * x1 * x1 + cc * x1 - 6, 2) + 10 * (1 - t) * Math.Cos(x1) + 10;
    }
}
