using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReannounceAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Renames only: the index follows its column, so nothing is rebuilt.
            migrationBuilder.RenameColumn(
                name: "announce_again_at",
                schema: "blogging",
                table: "posts",
                newName: "reannounce_at");

            migrationBuilder.RenameIndex(
                name: "ix_posts_announce_again",
                schema: "blogging",
                table: "posts",
                newName: "ix_posts_reannounce");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ix_posts_reannounce",
                schema: "blogging",
                table: "posts",
                newName: "ix_posts_announce_again");

            migrationBuilder.RenameColumn(
                name: "reannounce_at",
                schema: "blogging",
                table: "posts",
                newName: "announce_again_at");
        }
    }
}
