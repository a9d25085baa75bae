using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NinSearch.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "params_json",
                table: "trials",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "preprocessing_json",
                table: "checkpoints",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "params_json",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "preprocessing_json",
                table: "checkpoints");
        }
    }
}
