using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AnnouncePostChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Live pages listen on this channel (PostChanges), the payload naming the author whose post changed.
            // NOTIFY is delivered at commit, and PostgreSQL folds identical notifications of one transaction into one.
            // A timeline step (review requested, started) changes no posts row, so the timeline announces too.
            migrationBuilder.Sql("""
                CREATE FUNCTION blogging.announce_post_change() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed_post uuid;
                BEGIN
                    IF TG_LEVEL = 'STATEMENT' THEN
                        -- TRUNCATE: every author's page.
                        PERFORM pg_notify('blogging_posts_changed', '');
                    ELSIF TG_TABLE_NAME = 'posts' THEN
                        IF TG_OP = 'DELETE' THEN
                            PERFORM pg_notify('blogging_posts_changed', OLD.author_id::text);
                        ELSE
                            PERFORM pg_notify('blogging_posts_changed', NEW.author_id::text);
                        END IF;
                    ELSE
                        IF TG_OP = 'DELETE' THEN
                            changed_post := OLD.post_id;
                        ELSE
                            changed_post := NEW.post_id;
                        END IF;
                        PERFORM pg_notify('blogging_posts_changed', p.author_id::text)
                            FROM blogging.posts p WHERE p.id = changed_post;
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER posts_announce_change
                    AFTER INSERT OR UPDATE OR DELETE ON blogging.posts
                    FOR EACH ROW EXECUTE FUNCTION blogging.announce_post_change();

                CREATE TRIGGER posts_announce_truncate
                    AFTER TRUNCATE ON blogging.posts
                    FOR EACH STATEMENT EXECUTE FUNCTION blogging.announce_post_change();

                CREATE TRIGGER post_timeline_announce_change
                    AFTER INSERT OR UPDATE OR DELETE ON blogging.post_timeline
                    FOR EACH ROW EXECUTE FUNCTION blogging.announce_post_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER post_timeline_announce_change ON blogging.post_timeline;
                DROP TRIGGER posts_announce_truncate ON blogging.posts;
                DROP TRIGGER posts_announce_change ON blogging.posts;
                DROP FUNCTION blogging.announce_post_change();
                """);
        }
    }
}
