using Microsoft.Extensions.Options;

namespace NinSearch.Store;

/// <summary>Fails start-up with every problem in <see cref="StoreOptions"/> listed.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
