using NinSearch.Spec;

namespace NinSearch.Model.Tests.Building;

/// <summary>Random, mostly valid specs with tiny widths, to compare builder and analysis quickly.</summary>
internal static class RandomSpecs
{
    public static NinSpec Next(Random random)
    {
        var classes = random.Next(2, 6);
        var size = random.Next(6, 20);
        var blocks = new List<MlpConvBlock>();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var last = i == count - 1;
            var kernel = random.Next(1, 6);
            var pointwise = Enumerable.Range(0, random.Next(0, 3))
                .Select(_ => new PointwiseLayer(random.Next(3) == 0 ? null : random.Next(1, 7)))
                .ToList();
            var width = random.Next(1, 7);
            if (last)
            {
                if (pointwise.Count == 0) width = classes;
                else pointwise[^1] = new PointwiseLayer(random.Next(2) == 0 ? null : classes);
            }
            blocks.Add(new MlpConvBlock
            {
                Kernel = kernel,
                Stride = random.Next(4) == 0 ? 2 : 1,
                Padding = random.Next(3) == 0 ? random.Next(0, 3) : null,
                Width = width,
                Pointwise = pointwise,
                BatchNorm = random.Next(2) == 0,
                Pool = last || random.Next(2) == 0 ? null : new PoolSpec
                {
                    Kind = random.Next(2) == 0 ? PoolKind.Max : PoolKind.Avg,
                    Kernel = random.Next(2, 4),
                    Stride = random.Next(1, 3),
                    CeilMode = random.Next(2) == 0,
                },
                Dropout = last || random.Next(3) > 0 ? null : 0.3,
            });
        }
        return new NinSpec
        {
            Input = new InputShape(random.Next(1, 4), size, size + random.Next(0, 3)),
            Classes = classes,
            FinalRelu = random.Next(4) == 0,
            Blocks = blocks,
        };
    }
}
