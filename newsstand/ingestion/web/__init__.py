"""Web pages and RSS/Atom feeds → stories. fetch.py brings a page, a feed or an image within the site's limits;
story.py finds the story in a page (trafilatura), boilerplate.py clears what surrounds it, markup.py sanitises what
is left into blocks (nh3), feeds.py reads feeds (feedparser); importing.py stores stories once, run by tasks.py for
feed polls; services.py is what the admin and the commands call to register and enqueue."""
