using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <summary>
    /// Search ranks on a small vector of each post's title and summary (ADR 0018): it stays in the row, whereas ranking on
    /// the full search vector read it from TOAST for every match. Adding the column rewrites the posts table once.
    /// </summary>
    public partial class AddPostSearchRankVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_rank_vector",
                schema: "blogging",
                table: "posts",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, summary), 'B')",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "search_rank_vector",
                schema: "blogging",
                table: "posts");
        }
    }
}
