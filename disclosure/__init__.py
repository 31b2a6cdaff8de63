"""The public disclosure log: a separate, unauthenticated, read-only web app (`starter.py disclosure-log`)
listing the responses an officer published (`casework.publishing`). It reads only the register's
`publications` table and the documents stored with it, never a case's personal data."""
