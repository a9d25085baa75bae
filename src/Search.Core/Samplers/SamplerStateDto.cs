using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>The JSON document of <see cref="ISampler.SaveState"/>.</summary>
internal sealed class SamplerStateDto
{
    public int Version { get; set; } = 1;
    public SamplerKind Kind { get; set; }
    public string Space { get; set; } = "";
    public long Seed { get; set; }
    public ulong[] Rng { get; set; } = [];
    public long NextOrder { get; set; }
    public List<TrialDto> Trials { get; set; } = [];
    public JsonElement? Extra { get; set; }

    internal sealed class TrialDto
    {
        public long? Id { get; set; }
        public double?[] X { get; set; } = [];
        public TrialStatus State { get; set; }
        public double? Objective { get; set; }
        public int Epochs { get; set; }
        public double[]? Curve { get; set; }
        public double[]? Values { get; set; }
        public long Order { get; set; }
    }
}
