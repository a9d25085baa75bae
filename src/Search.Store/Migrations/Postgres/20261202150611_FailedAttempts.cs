using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NinSearch.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FailedAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "failed_attempts",
                table: "trials",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failed_attempts",
                table: "trials");
        }
    }
}
