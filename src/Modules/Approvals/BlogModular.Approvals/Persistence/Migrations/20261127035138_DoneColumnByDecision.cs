using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Approvals.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DoneColumnByDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_progress_updated_at_id",
                schema: "approvals",
                table: "approval_requests",
                columns: new[] { "progress", "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_approval_requests_progress_updated_at_id",
                schema: "approvals",
                table: "approval_requests");
        }
    }
}
