"""The dashboard's pages, one router per area: cases (overdue, due soon, one case), letters (a case's
`.docx` letters), alerts, statistics, health. A new page is a router here and its template in
`templates/`, listed in `dashboard.app.ROUTERS`."""
