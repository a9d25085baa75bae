using System.Globalization;
using System.Text.Json;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// Checks a search space's JSON field by field, with the limits of <see cref="CampaignValidationOptions"/>, before
/// <see cref="SearchSpaceJson.Read"/> sees it: that reader stops at the first problem and names only the dimension,
/// and the space and the mapper enumerate int ranges and order conditions in O(n²), so sizes are capped first.
/// What only the reader knows (cycles, contradictory conditions, mixed choice kinds) is then mapped back to a path.
/// </summary>
internal static class SpaceDocumentCheck
{
    private static readonly string[] SpaceFields = ["name", "description", "constraints", "dimensions"];
    private static readonly string[] ConstraintFields = ["max_params", "max_macs"];
    private static readonly string[] IntFields = ["name", "description", "type", "low", "high", "step", "when"];
    private static readonly string[] FloatFields = ["name", "description", "type", "low", "high", "log", "when"];
    private static readonly string[] CategoricalFields = ["name", "description", "type", "choices", "when"];
    private static readonly string[] ConditionFields = ["dimension", "min", "max", "in"];

    /// <summary>The space, or null with errors added; <paramref name="positions"/> maps each dimension name to its index in the document.</summary>
    public static SearchSpace? Read(JsonElement space, string path, CampaignValidationOptions options, FieldErrorList errors, out IReadOnlyDictionary<string, int> positions)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        positions = names;
        var before = errors.Count;
        JsonShape.CheckFields(space, path, SpaceFields, errors);
        if (space.ValueKind != JsonValueKind.Object) return null;
        foreach (var text in new[] { "name", "description" })
            if (space.TryGetProperty(text, out var t) && t.ValueKind != JsonValueKind.String)
                errors.Add(JsonShape.Join(path, text), $"must be a string, got {JsonShape.Quote(t)}");
        if (space.TryGetProperty("constraints", out var constraints) && JsonShape.CheckFields(constraints, $"{path}.constraints", ConstraintFields, errors))
            foreach (var limit in ConstraintFields)
                if (Integer(constraints, limit, $"{path}.constraints", errors, required: false) is <= 0 and var v)
                    errors.Add($"{path}.constraints.{limit}", $"must be > 0, got {v}");

        var dimensionsPath = $"{path}.dimensions";
        if (!space.TryGetProperty("dimensions", out var dimensions) || dimensions.ValueKind != JsonValueKind.Array)
        {
            errors.Add(dimensionsPath, "is required: an array of dimensions");
            return null;
        }
        var count = dimensions.GetArrayLength();
        if (count == 0) { errors.Add(dimensionsPath, "needs at least one dimension"); return null; }
        if (count > options.MaxDimensions)
        {
            errors.Add(dimensionsPath, $"has {count:N0} dimensions; at most {options.MaxDimensions:N0}");
            return null;
        }
        var parents = new List<(int Index, string Parent)>();
        var i = 0;
        var conditionValues = 0;
        foreach (var d in dimensions.EnumerateArray())
        {
            if (Dimension(d, i, $"{dimensionsPath}[{i}]", options, errors, names) is { } parent) parents.Add((i, parent));
            // Reading the space compares each value with every value of the parent, so the lists are capped together.
            var inCount = InCount(d);
            conditionValues += inCount;
            if (inCount > 0 && conditionValues > options.MaxChoices && conditionValues - inCount <= options.MaxChoices)
                errors.Add($"{dimensionsPath}[{i}].when.in", $"the conditions' 'in' lists hold {conditionValues:N0} values up to here; at most {options.MaxChoices:N0} in all");
            i++;
        }
        foreach (var (index, parent) in parents)
        {
            var at = $"{dimensionsPath}[{index}].when.dimension";
            if (!names.TryGetValue(parent, out var p)) errors.Add(at, $"refers to unknown dimension '{JsonShape.Shorten(parent)}'");
            else if (p == index) errors.Add(at, "refers to the dimension itself");
        }
        if (errors.Count > before) return null;
        try
        {
            return SearchSpaceJson.Read(space.GetRawText());
        }
        catch (SearchSpaceException e)
        {
            errors.Add(PathOf(e, names, path), MessageOf(e));
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            errors.Add(path, $"is not a valid search space: {e.Message}");
            return null;
        }
    }

    /// <summary>The path a <see cref="SearchSpaceException"/> (from the reader or the mapper) points at.</summary>
    public static string PathOf(SearchSpaceException e, IReadOnlyDictionary<string, int> positions, string path)
    {
        if (e.Dimension is null) return e.Message.Contains("constraints.", StringComparison.Ordinal) ? $"{path}.constraints" : path;
        if (positions.TryGetValue(e.Dimension, out var i))
            return e.Message.Contains("condition", StringComparison.Ordinal) ? $"{path}.dimensions[{i}].when" : $"{path}.dimensions[{i}]";
        return e.Dimension.StartsWith("dimensions[", StringComparison.Ordinal) ? $"{path}.{e.Dimension}" : path;
    }

    /// <summary>The exception's message without the "invalid search space: dimension 'x':" prefix the path replaces.</summary>
    public static string MessageOf(SearchSpaceException e)
    {
        var message = e.Message;
        const string prefix = "invalid search space: ";
        if (message.StartsWith(prefix, StringComparison.Ordinal)) message = message[prefix.Length..];
        var dimension = $"dimension '{e.Dimension}': ";
        if (e.Dimension is not null && message.StartsWith(dimension, StringComparison.Ordinal)) message = $"'{JsonShape.Shorten(e.Dimension)}' {message[dimension.Length..]}";
        return message;
    }

    // Checks one dimension; returns the name of its condition's parent, if it has one.
    private static string? Dimension(JsonElement d, int index, string p, CampaignValidationOptions options, FieldErrorList errors, Dictionary<string, int> names)
    {
        if (d.ValueKind != JsonValueKind.Object) { errors.Add(p, $"must be an object, got {JsonShape.Quote(d)}"); return null; }
        string? name = null;
        if (!d.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String) errors.Add($"{p}.name", "is required: a string");
        else if (string.IsNullOrWhiteSpace(name = n.GetString()!)) errors.Add($"{p}.name", "must not be empty");
        else if (!NinDimensions.IsKnown(name))
            errors.Add($"{p}.name", $"'{JsonShape.Shorten(name)}' is not a NiN dimension; expected blocks, width_N, kernel_N, pointwise_N, pool_N, dropout_N, batch_norm or a training name ({string.Join(", ", NinDimensions.Training)})");
        else if (!names.TryAdd(name, index))
            errors.Add($"{p}.name", $"'{name}' is declared twice (first at dimensions[{names[name]}])");

        var type = d.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "int":
                JsonShape.CheckFields(d, p, IntFields, errors);
                IntRange(d, p, name, options, errors);
                break;
            case "float":
                JsonShape.CheckFields(d, p, FloatFields, errors);
                FloatRange(d, p, name, options, errors);
                break;
            case "categorical":
                JsonShape.CheckFields(d, p, CategoricalFields, errors);
                Choices(d, p, name, options, errors);
                break;
            default:
                errors.Add($"{p}.type", $"must be one of int, float, categorical, got {(t.ValueKind == JsonValueKind.Undefined ? "nothing" : JsonShape.Quote(t))}");
                return null;
        }
        return d.TryGetProperty("when", out var when) ? Condition(when, $"{p}.when", options, errors) : null;
    }

    private static void IntRange(JsonElement d, string p, string? name, CampaignValidationOptions options, FieldErrorList errors)
    {
        var low = Integer(d, "low", p, errors, required: true);
        var high = Integer(d, "high", p, errors, required: true);
        var step = d.TryGetProperty("step", out _) ? Integer(d, "step", p, errors, required: true) : 1;
        if (step is <= 0) { errors.Add($"{p}.step", $"must be > 0, got {step}"); return; }
        if (low is not { } lo || high is not { } hi || step is not { } s) return;
        if (lo > hi) { errors.Add($"{p}.high", $"must be ≥ low ({lo}), got {hi}"); return; }
        var span = (Int128)hi - lo;
        if (span % s != 0) { errors.Add($"{p}.high", $"{hi} is not on the grid low ({lo}) + k·step ({s})"); return; }
        var values = span / s + 1;
        if (values > options.MaxIntRangeValues)
        {
            errors.Add($"{p}.high", $"the range has {values:N0} values; at most {options.MaxIntRangeValues:N0} (use a larger step or a narrower range)");
            return;
        }
        InLimits(name, lo, $"{p}.low", options, errors);
        InLimits(name, hi, $"{p}.high", options, errors);
    }

    private static void FloatRange(JsonElement d, string p, string? name, CampaignValidationOptions options, FieldErrorList errors)
    {
        var low = Number(d, "low", p, errors, required: true);
        var high = Number(d, "high", p, errors, required: true);
        var log = false;
        if (d.TryGetProperty("log", out var l))
        {
            if (l.ValueKind is JsonValueKind.True or JsonValueKind.False) log = l.GetBoolean();
            else errors.Add($"{p}.log", $"must be true or false, got {JsonShape.Quote(l)}");
        }
        if (low is not { } lo || high is not { } hi) return;
        if (lo >= hi) { errors.Add($"{p}.high", $"must be > low ({lo.ToString(CultureInfo.InvariantCulture)}), got {hi.ToString(CultureInfo.InvariantCulture)}; use a categorical with one choice for a constant"); return; }
        if (log && lo <= 0) { errors.Add($"{p}.low", $"must be > 0 for a log range, got {lo.ToString(CultureInfo.InvariantCulture)}"); return; }
        InLimits(name, lo, $"{p}.low", options, errors);
        InLimits(name, hi, $"{p}.high", options, errors);
    }

    private static void Choices(JsonElement d, string p, string? name, CampaignValidationOptions options, FieldErrorList errors)
    {
        if (!d.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{p}.choices", "is required: an array of numbers, strings or booleans");
            return;
        }
        var count = choices.GetArrayLength();
        if (count == 0) { errors.Add($"{p}.choices", "needs at least one choice"); return; }
        if (count > options.MaxChoices) { errors.Add($"{p}.choices", $"has {count:N0} choices; at most {options.MaxChoices:N0}"); return; }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var j = 0;
        foreach (var c in choices.EnumerateArray())
        {
            var at = $"{p}.choices[{j++}]";
            if (Scalar(c, at, errors) is not { } key) continue;
            if (!seen.Add(key)) errors.Add(at, $"repeats an earlier choice ({JsonShape.Quote(c)})");
            else if (c.ValueKind == JsonValueKind.Number) InLimits(name, c.GetDouble(), at, options, errors);
        }
    }

    private static string? Condition(JsonElement when, string p, CampaignValidationOptions options, FieldErrorList errors)
    {
        if (!JsonShape.CheckFields(when, p, ConditionFields, errors) && when.ValueKind != JsonValueKind.Object) return null;
        Number(when, "min", p, errors, required: false);
        Number(when, "max", p, errors, required: false);
        if (when.TryGetProperty("in", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array) errors.Add($"{p}.in", $"must be an array, got {JsonShape.Quote(values)}");
            else if (values.GetArrayLength() <= options.MaxChoices)   // longer lists are reported with the total, in Read
            {
                var j = 0;
                foreach (var v in values.EnumerateArray()) Scalar(v, $"{p}.in[{j++}]", errors);
            }
        }
        if (when.TryGetProperty("dimension", out var parent) && parent.ValueKind == JsonValueKind.String) return parent.GetString();
        errors.Add($"{p}.dimension", "is required: the name of the dimension the condition tests");
        return null;
    }

    private static int InCount(JsonElement d) =>
        d.ValueKind == JsonValueKind.Object && d.TryGetProperty("when", out var when) && when.ValueKind == JsonValueKind.Object &&
        when.TryGetProperty("in", out var values) && values.ValueKind == JsonValueKind.Array ? values.GetArrayLength() : 0;

    // A choice or condition value: its identity for duplicate checks, or null (with an error) when it is not a scalar.
    private static string? Scalar(JsonElement v, string at, FieldErrorList errors)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String: return "s:" + v.GetString();
            case JsonValueKind.True or JsonValueKind.False: return "b:" + v.GetBoolean();
            case JsonValueKind.Number when v.TryGetDouble(out var x) && double.IsFinite(x): return "n:" + x.ToString("R", CultureInfo.InvariantCulture);
            case JsonValueKind.Number: errors.Add(at, $"must be a finite number, got {JsonShape.Quote(v)}"); return null;
            default: errors.Add(at, $"must be a number, a string or a boolean, got {JsonShape.Quote(v)}"); return null;
        }
    }

    // The values the mapper can turn into a trainable network: anything outside is refused here with the field.
    private static void InLimits(string? name, double value, string at, CampaignValidationOptions o, FieldErrorList errors)
    {
        if (name is null) return;
        NinDimensions.TryParseBlockName(name, out var kind, out _);
        (double Min, bool MinOpen, double Max, bool MaxOpen)? limits = (name, kind) switch
        {
            (NinDimensions.Blocks, _) => (1, false, o.MaxBlocks, false),
            (_, "width") => (1, false, o.MaxWidth, false),
            (_, "kernel") => (1, false, o.MaxKernel, false),
            (_, "pointwise") => (0, false, o.MaxPointwise, false),
            (_, "dropout") => (0, false, 1, true),
            (NinDimensions.BatchSize, _) => (1, false, o.MaxBatchSize, false),
            (NinDimensions.Epochs, _) => (1, false, o.MaxEpochs, false),
            (NinDimensions.WarmupEpochs, _) => (0, false, o.MaxEpochs, false),
            (NinDimensions.CropPadding, _) => (0, false, 64, false),
            (NinDimensions.LearningRate, _) => (0, true, 10, false),
            (NinDimensions.WeightDecay, _) => (0, false, 1, false),
            (NinDimensions.Momentum or NinDimensions.LabelSmoothing, _) => (0, false, 1, true),
            _ => null,
        };
        if (limits is not { } l) return;
        var ok = (l.MinOpen ? value > l.Min : value >= l.Min) && (l.MaxOpen ? value < l.Max : value <= l.Max);
        if (!ok)
            errors.Add(at, $"{name} must be in {(l.MinOpen ? "(" : "[")}{l.Min.ToString(CultureInfo.InvariantCulture)}, {l.Max.ToString(CultureInfo.InvariantCulture)}{(l.MaxOpen ? ")" : "]")}, got {value.ToString(CultureInfo.InvariantCulture)}");
    }

    private static long? Integer(JsonElement e, string field, string p, FieldErrorList errors, bool required)
    {
        if (!e.TryGetProperty(field, out var v))
        {
            if (required) errors.Add($"{p}.{field}", "is required: an integer");
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
        errors.Add($"{p}.{field}", $"must be an integer (64-bit), got {JsonShape.Quote(v)}");
        return null;
    }

    private static double? Number(JsonElement e, string field, string p, FieldErrorList errors, bool required)
    {
        if (!e.TryGetProperty(field, out var v))
        {
            if (required) errors.Add($"{p}.{field}", "is required: a number");
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var x) && double.IsFinite(x)) return x;
        errors.Add($"{p}.{field}", $"must be a finite number, got {JsonShape.Quote(v)}");
        return null;
    }
}
