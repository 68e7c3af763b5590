"""Routes of the public portal (/portal/); /portal/complaints/ is mounted before it, /robots.txt at the root.

Every view here is GET/HEAD only, anonymous, and reads only what is meant to be public: the
Disclosure allow-list, the catalog in force, officers' certificate facts, the bureau's own description.
"""

from django.urls import path

from zhifa.portal import views_before as before
from zhifa.portal import views_info as info
from zhifa.portal import views_public as v

app_name = "portal"
urlpatterns = [
    path("", v.home, name="home"),
    # 事后公开: decisions
    path("decisions/", v.decision_list, name="decisions"),
    path("decisions/<int:pk>/", v.decision_detail, name="decision"),
    # 事前公开: who we are, what we enforce and how
    path("about/", before.about, name="about"),
    path("officers/", before.officers, name="officers"),
    path("certificates/", v.certificates, name="certificates"),
    path("matters/", before.matters, name="matters"),
    path("matters/<int:pk>/", before.matter, name="matter"),
    path("discretion/", before.discretion, name="discretion"),
    path("exemptions/", before.exemptions, name="exemptions"),
    path("inspections/", before.inspections, name="inspections"),
    path("procedures/", info.procedures, name="procedures"),
    path("remedies/", info.remedies, name="remedies"),
    # 年度数据, and the machine-readable indexes
    path("figures/", info.figures, name="figures"),
    path("figures/<int:year>/", info.figures, name="figures_year"),
    path("sitemap.xml", info.sitemap, name="sitemap"),
    path("feed.xml", info.feed, name="feed"),
]
