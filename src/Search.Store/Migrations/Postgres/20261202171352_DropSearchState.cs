using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NinSearch.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DropSearchState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sampler_state",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "scheduler_state",
                table: "campaigns");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sampler_state",
                table: "campaigns",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scheduler_state",
                table: "campaigns",
                type: "text",
                nullable: true);
        }
    }
}
