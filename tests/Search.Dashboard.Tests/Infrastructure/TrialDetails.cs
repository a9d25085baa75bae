using System.Text.Json;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>Trial details as the read model returns them, for tests of the components that show them.</summary>
public static class TrialDetails
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A trial's stored configuration (TrialConfig in the project's JSON convention).</summary>
    public static JsonElement Config(NinSpec architecture, TrainingRecipe? training = null) =>
        JsonSerializer.SerializeToElement(new TrialConfig(architecture, training ?? TrainingRecipe.Default), SpecJson.Options);

    /// <summary>A complete trial <paramref name="number"/> of campaign "c-test" with <paramref name="config"/> and <paramref name="attempts"/>.</summary>
    public static TrialDetail Complete(int number, JsonElement config, params AttemptSummary[] attempts)
    {
        var entry = new LeaderboardEntry(number, Guid.NewGuid(), TrialStatus.Complete, 0.9, 2, 0.89, 1000, 100_000, 2, Math.Max(1, attempts.Length),
            12.5, "w-1", null, null);
        return new TrialDetail("c-test", entry, config, Start, Start, Start.AddMinutes(1), [], attempts, [], []);
    }
}
