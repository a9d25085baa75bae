using System.Globalization;

namespace NinSearch.Core.Spaces;

/// <summary>One typed value of a <see cref="Configuration"/>: an integer, a float, a boolean or a string.</summary>
public readonly record struct ParamValue
{
    private ParamValue(ValueKind kind, double number, string? text) => (Kind, Number, Text) = (kind, number, text);

    public ValueKind Kind { get; }

    private double Number { get; }

    private string? Text { get; }

    public static ParamValue OfInt(long value) => new(ValueKind.Int, value, null);

    public static ParamValue OfFloat(double value) => new(ValueKind.Float, value, null);

    public static ParamValue OfBool(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    public static ParamValue OfString(string value) => new(ValueKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public bool IsNumeric => Kind is ValueKind.Int or ValueKind.Float;

    /// <summary>The integer; a float is accepted when it is integral.</summary>
    public long AsInt() => Kind == ValueKind.Int || (Kind == ValueKind.Float && Number == Math.Floor(Number))
        ? (long)Number
        : throw new InvalidOperationException($"{this} is a {Kind}, not an integer");

    public double AsDouble() => IsNumeric ? Number : throw new InvalidOperationException($"{this} is a {Kind}, not a number");

    public bool AsBool() => Kind == ValueKind.Bool ? Number != 0 : throw new InvalidOperationException($"{this} is a {Kind}, not a boolean");

    public string AsString() => Kind == ValueKind.String ? Text! : throw new InvalidOperationException($"{this} is a {Kind}, not a string");

    /// <summary>Equality that treats 2 and 2.0 as the same choice (conditions compare across int and float).</summary>
    public bool SameAs(ParamValue other) => IsNumeric && other.IsNumeric ? Number == other.Number : Equals(other);

    public override string ToString() => Kind switch
    {
        ValueKind.Int => ((long)Number).ToString(CultureInfo.InvariantCulture),
        ValueKind.Float => Number.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Bool => Number != 0 ? "true" : "false",
        _ => Text!,
    };
}
