using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NinSearch.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InferenceSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "inference_images_per_second",
                table: "trials",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "latency_ms",
                table: "trials",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "inference_images_per_second",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "latency_ms",
                table: "trials");
        }
    }
}
