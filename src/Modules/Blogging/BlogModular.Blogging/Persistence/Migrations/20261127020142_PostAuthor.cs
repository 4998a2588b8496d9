using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PostAuthor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "author_id",
                schema: "blogging",
                table: "posts",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "ix_posts_author",
                schema: "blogging",
                table: "posts",
                columns: new[] { "author_id", "created_at", "id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_posts_author",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "author_id",
                schema: "blogging",
                table: "posts");
        }
    }
}
