using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <summary>
    /// Full-text search: a weighted search vector generated from each post's title, summary and content in the
    /// 'english' configuration (ADR 0018), and a GIN index over the published posts'. Adding the column rewrites the
    /// posts table once and fills the vector for every existing post.
    /// </summary>
    public partial class AddPostSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                schema: "blogging",
                table: "posts",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, summary), 'B') || setweight(to_tsvector('english'::regconfig, content), 'C')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_posts_search",
                schema: "blogging",
                table: "posts",
                column: "search_vector",
                filter: "status = 'Published'")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_posts_search",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "search_vector",
                schema: "blogging",
                table: "posts");
        }
    }
}
