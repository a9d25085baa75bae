using NinSearch.Spec;

namespace NinSearch.Export.Tests;

public sealed class ModelCardTests
{
    private static readonly Guid TrialId = Guid.Parse("0c8a3c1e-63a4-4a8f-9c55-0d3f0e5b6a71");

    private static ExportInfo Info(int? weightsEpoch) => new()
    {
        Preprocessing = TestSpecs.PreprocessingFor(TestSpecs.BatchNormCeil),
        TestAccuracy = 0.9123,
        WeightsEpoch = weightsEpoch,
        EpochsRun = 3,
        Curve =
        [
            new(1, 1.2345, 0.5, 1.1, 0.61),
            new(2, 0.8765, 0.7, 0.9, 0.8125),
            new(3, 0.7, 0.75, 0.95, 0.8),
        ],
        CampaignId = "fashion-nin",
        TrialId = TrialId,
        TrialNumber = 17,
        ValidationFraction = 0.1,
        SplitSeed = 42,
    };

    [Fact]
    public void Card_states_accuracy_weights_epoch_size_curve_split_source_and_how_to_load()
    {
        var config = TestSpecs.Config(TestSpecs.BatchNormCeil);
        var card = ModelCard.Markdown(config, Info(weightsEpoch: 2));
        var analysis = NinAnalysis.Of(TestSpecs.BatchNormCeil);

        Assert.Contains("| Test accuracy | 91.23 % |", card);
        var recipe = config.Training;
        var optimizer = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(recipe.Optimizer.ToString());
        Assert.Contains($"| Training | {optimizer} lr ", card);   // spelled as recipe.json spells it
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(recipe.Optimizer, NinSearch.Spec.SpecJson.Options).Trim('"') + " lr", card);
        Assert.Contains("81.25 % (best epoch, 2)", card);
        Assert.Contains("epoch 2 of 3: the best validation epoch", card);
        Assert.Contains($"| Parameters | {analysis.Params:N0} |", card);
        Assert.Contains($"| MACs per image | {analysis.Macs:N0} |", card);
        Assert.Contains("| 1 | 1.2345 | 50.00 % | 1.1000 | 61.00 % |", card);
        Assert.Contains("| 2 ← weights | 0.8765 |", card);
        Assert.Contains("split seed 42", card);
        Assert.Contains("10.00 % of the training files held out", card);
        Assert.Contains("campaign `fashion-nin`, trial #17", card);
        Assert.Contains(TrialId.ToString(), card);
        Assert.Contains("net = model.load(", card);
        Assert.Contains("class-0, class-1, class-2, class-3", card);
        Assert.Contains("mean: [0.25]", card);
    }

    [Fact]
    public void Card_says_plainly_when_the_weights_are_not_from_the_best_epoch()
    {
        var config = TestSpecs.Config(TestSpecs.BatchNormCeil);
        Assert.Contains("epoch 3 of 3 (the best validation epoch, 2, was not kept)", ModelCard.Markdown(config, Info(weightsEpoch: 3)));
        Assert.Contains("final weights after 3 epochs", ModelCard.Markdown(config, Info(weightsEpoch: null)));
    }

    [Fact]
    public void Curve_csv_has_a_header_and_one_invariant_line_per_epoch()
    {
        var lines = ModelCard.CurveCsv(Info(2)).TrimEnd('\n').Split('\n');
        Assert.Equal("epoch,train_loss,train_accuracy,val_loss,val_accuracy", lines[0]);
        Assert.Equal("2,0.8765,0.7,0.9,0.8125", lines[2]);
        Assert.Equal(4, lines.Length);
    }
}
