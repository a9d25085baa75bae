using System.Text;
using System.Text.Json;
using NinSearch.Spec;
using TorchSharp.Modules;

namespace NinSearch.Model.Training;

public sealed partial class TrainingSession
{
    private const string CheckpointMagic = "NINSEARCH-CHECKPOINT";
    private const int CheckpointFormat = 1;

    /// <summary>
    /// Writes the run's state between epochs: trial config, epochs done, step count, history, model weights and
    /// buffers, and optimizer state (momentum and Adam moments). The RNG state at an epoch boundary follows from the
    /// recipe's seed and the epoch, which the checkpoint holds. Call it between epochs (from the epoch callback or
    /// after <c>RunAsync</c> returns), not while a run is in progress.
    /// </summary>
    public void SaveCheckpoint(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(CheckpointMagic);
        writer.Write(CheckpointFormat);
        writer.Write(SpecJson.Serialize(config));
        writer.Write(EpochsDone);
        writer.Write(GlobalStep);
        writer.Write(JsonSerializer.Serialize(history));
        using (ContiguousState.For(Model, step.Optimizer))
        {
            Model.save(writer);
            ((OptimizerHelper)step.Optimizer).save_state_dict(writer);
        }
        writer.Flush();
    }

    /// <summary>The checkpoint as bytes, e.g. for a database column.</summary>
    public byte[] SaveCheckpoint()
    {
        using var buffer = new MemoryStream();
        SaveCheckpoint(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Restores a checkpoint written by <see cref="SaveCheckpoint(Stream)"/> for the same trial config; the next
    /// <c>RunAsync</c> continues with the following epoch. Throws <see cref="InvalidDataException"/> for a
    /// stream that is not such a checkpoint or belongs to another config.
    /// </summary>
    public void RestoreCheckpoint(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != CheckpointMagic) throw new InvalidDataException("not a NinSearch checkpoint");
            var format = reader.ReadInt32();
            if (format != CheckpointFormat) throw new InvalidDataException($"checkpoint format {format}; this build reads {CheckpointFormat}");
            var savedConfig = reader.ReadString();
            if (savedConfig != SpecJson.Serialize(config))
                throw new InvalidDataException("the checkpoint belongs to a different trial config");
            var epochs = reader.ReadInt32();
            var steps = reader.ReadInt64();
            var saved = JsonSerializer.Deserialize<List<EpochMetrics>>(reader.ReadString()) ?? [];
            var optimizer = (OptimizerHelper)step.Optimizer;
            using (ContiguousState.For(Model, step.Optimizer))
            {
                Model.load(reader);
                optimizer.load_state_dict(reader);
            }
            optimizer.to(Device);
            EpochsDone = epochs;
            GlobalStep = steps;
            history.Clear();
            history.AddRange(saved);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("truncated checkpoint", e);
        }
    }

    /// <summary>Restores from checkpoint bytes; see <see cref="RestoreCheckpoint(Stream)"/>.</summary>
    public void RestoreCheckpoint(byte[] checkpoint)
    {
        using var buffer = new MemoryStream(checkpoint, writable: false);
        RestoreCheckpoint(buffer);
    }
}
