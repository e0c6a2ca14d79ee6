"""Reference data of the consultations app: topics, and who said what at the informal
consultation with the Americas Group (20 February 2026), in the portal's own words."""

from ccm_portal.lib.refdata import Tally, sync_record
from meetings.models import Delegation
from meetings.reference_data import americas_agenda_item

from .models import Intervention, Position, Topic

TOPICS = [
    # (slug, name, description)
    (
        "gender-and-diversity",
        "Gender and diversity",
        "Gender mainstreaming, diversity, youth and disability inclusion.",
    ),
    (
        "environment-and-climate",
        "Environment and climate",
        "Environmental and climate considerations in the Convention's work.",
    ),
    ("universalization", "Universalization", "Bringing more States into the Convention."),
    (
        "victim-assistance",
        "Victim assistance and mental health",
        "Assistance to victims, including mental health and psychosocial support.",
    ),
    (
        "funding-and-resources",
        "Funding and resources",
        "Money and capacity for implementation, and how the Convention is financed.",
    ),
    (
        "treaty-integrity",
        "Treaty integrity",
        "Interpretation of the Convention's provisions, withdrawal and the strength of its prohibitions.",
    ),
    ("civil-society", "Civil society", "Engagement with civil society organizations."),
    (
        "humanitarian-consequences",
        "Humanitarian consequences",
        "The humanitarian harm caused by cluster munitions.",
    ),
    (
        "synergies",
        "Synergies with other frameworks",
        "Links with other humanitarian law instruments and with human rights, development and climate frameworks.",
    ),
    ("clearance", "Clearance", "Clearance and destruction of cluster munition remnants."),
    (
        "stockpile-destruction",
        "Stockpile destruction and retention",
        "Destroying stockpiles and retaining cluster munitions under Article 3.",
    ),
    ("compliance", "Compliance", "Ways of dealing with questions of compliance."),
    (
        "review-process",
        "Review process and working methods",
        "How the review documents are prepared and discussed.",
    ),
]

CHAIR = Intervention.Role.CHAIR
DELEGATION = Intervention.Role.DELEGATION

# (agenda item key, speaker ISO code, role, order, summary, {topic: what it said on it})
INTERVENTIONS = [
    (
        "opening",
        "LAO",
        CHAIR,
        1,
        "The Presidency said the consultation was above all a chance to listen to the region's "
        "views, priorities and ideas before substantive negotiations. It described the Americas: "
        "25 States Parties and two signatories, about a quarter (24 percent) of the membership, "
        "and in Central America the world's first zone free of cluster munitions; States of the "
        "region have served on the Coordination Committee and presided over Meetings of States "
        "Parties, while two signatories have yet to ratify and seven States of the region remain "
        "outside the Convention. The Review Conference will assess the progress of 2021-2025 and "
        "decide the work programme and implementation mechanisms of the next cycle; the new "
        "Action Plan and institutional framework should answer present realities, implementation "
        "needs and new challenges, guided by the Convention's humanitarian purpose.",
        {},
    ),
    (
        "zero-draft",
        "LAO",
        CHAIR,
        1,
        "By 18 February 2026 comments on the zero draft had come from 19 States Parties, two "
        "States not party, two UN agencies and nine organizations. Most reactions were positive, "
        "and the inclusive, structured process was appreciated. A revised draft should follow in "
        "early March 2026.",
        {},
    ),
    (
        "zero-draft",
        "PER",
        DELEGATION,
        2,
        "Peru thanked the Presidency for the consultation and for giving more time for comments; "
        "its own consultations at home are still going on and further input may follow. With "
        "Burkina Faso it is preparing a work plan for the stockpile destruction working group, "
        "including activities before the Review Conference to share experience of implementing "
        "Article 3 and to discuss retention under Article 3(6). It renewed its support for the "
        "Presidency's leadership of the process.",
        {
            "review-process": "Welcomed the later deadline for comments; more national input may follow.",
            "stockpile-destruction": (
                "Preparing with Burkina Faso a work plan with activities before the Review "
                "Conference on lessons from implementing Article 3 and on retention under Article 3(6)."
            ),
        },
    ),
    (
        "zero-draft",
        "PAN",
        DELEGATION,
        3,
        "Panama welcomed the consultative approach and found the zero draft thorough and a fair "
        "account of progress under the Lausanne Action Plan. It asked for more on the links "
        "between the Convention and other instruments of international humanitarian law, such as "
        "the Anti-Personnel Mine Ban Convention, and with human rights, development and climate "
        "frameworks. It supported bringing environmental and climate concerns into all the work, "
        "together with gender, diversity, youth and disability inclusion, and wanted firmer "
        "wording on the humanitarian consequences of cluster munitions and on universalization. "
        "On the interpretation of Articles 1 and 21, it called for the prohibitions to be "
        "strengthened so that conduct contrary to the Convention does not become accepted. It "
        "suggested new ways to promote universalization, such as working through other "
        "international forums and perhaps naming a goodwill ambassador, wanted the gender "
        "language agreed in the Lausanne Action Plan kept, and recalled past talks on a "
        "cooperative compliance mechanism.",
        {
            "synergies": (
                "Wants more on synergies with other humanitarian law instruments, including the "
                "Anti-Personnel Mine Ban Convention, and with human rights, development and climate frameworks."
            ),
            "environment-and-climate": "Supports mainstreaming environmental and climate considerations.",
            "gender-and-diversity": (
                "Supports mainstreaming gender, diversity, youth and disability inclusion, and keeping "
                "the gender language agreed in the Lausanne Action Plan."
            ),
            "humanitarian-consequences": "Wants firmer wording on the humanitarian consequences of cluster munitions.",
            "universalization": (
                "Wants firmer wording on universalization and new approaches to it: work in other "
                "international forums, perhaps a goodwill ambassador."
            ),
            "treaty-integrity": (
                "On the interpretation of Articles 1 and 21: the prohibitions should be strengthened "
                "so that conduct contrary to the Convention does not become accepted."
            ),
            "compliance": "Recalled earlier discussions on a cooperative compliance mechanism.",
        },
    ),
    (
        "zero-draft",
        "CAN",
        DELEGATION,
        4,
        "Canada valued the open, structured process and the extra time for submissions. It "
        "suggested a shorter review document, with the questions set out in a separate document "
        "for clarity, and raised doubts about whether the proposed dedicated funding mechanism "
        "would work. It called the Americas an interesting group within the Convention whose "
        "members largely share the same views, stressed the value of keeping civil society "
        "organizations involved in the preparations, and pointed to the workload of the several "
        "treaty review processes taking place in 2026.",
        {
            "review-process": (
                "Asks for a shorter review document with the questions in a separate document; notes "
                "the workload of several treaty reviews in 2026."
            ),
            "funding-and-resources": "Questions whether the proposed dedicated funding mechanism is feasible.",
            "civil-society": "Stresses keeping civil society organizations involved in the preparations.",
        },
    ),
    (
        "zero-draft",
        "MEX",
        DELEGATION,
        5,
        "Mexico welcomed the structure and general approach of the zero draft and asked that it "
        "take in the language agreed at recent Meetings of States Parties on the integrity of the "
        "treaty and on withdrawal. It called for stronger references to the humanitarian "
        "consequences of cluster munitions, drew attention to the funding difficulties facing "
        "clearance and victim assistance, and insisted that the agreed language on gender "
        "mainstreaming be kept.",
        {
            "treaty-integrity": (
                "Asks for the language agreed at recent Meetings of States Parties on treaty integrity "
                "and withdrawal."
            ),
            "humanitarian-consequences": "Wants stronger references to the humanitarian consequences of cluster munitions.",
            "funding-and-resources": "Points to funding difficulties affecting clearance and victim assistance.",
            "victim-assistance": "Victim assistance suffers from funding difficulties.",
            "clearance": "Clearance suffers from funding difficulties.",
            "gender-and-diversity": "The agreed language on gender mainstreaming must be kept.",
        },
    ),
    (
        "zero-draft",
        "LAO",
        CHAIR,
        6,
        "The Presidency noted all the comments for the revised draft.",
        {},
    ),
    (
        "action-plan",
        "LAO",
        CHAIR,
        1,
        "The new action plan will be called the Vientiane Capital Action Plan (VCAP). The "
        "Presidency reported on the Coordination Committee retreat of January 2026, which called "
        "for a focused, practical framework centred on implementation and suited to present "
        "realities.",
        {},
    ),
    (
        "action-plan",
        "CAN",
        DELEGATION,
        2,
        "Canada again asked that gender mainstreaming stay in line with the existing treaty "
        "language and the Lausanne Action Plan. It supported more attention to mental health and "
        "psychosocial support for victims and encouraged clearance that takes account of the "
        "environment and the climate. The Action Plan should be realistic, match the resources "
        "and implementation capacity actually available, and stay inclusive.",
        {
            "gender-and-diversity": (
                "Gender mainstreaming should stay consistent with the existing treaty language and the "
                "Lausanne Action Plan."
            ),
            "victim-assistance": "Supports more attention to mental health and psychosocial support for victims.",
            "environment-and-climate": "Encourages clearance that is sensitive to the environment and the climate.",
            "clearance": "Encourages environmentally and climate-sensitive clearance.",
            "funding-and-resources": (
                "The Action Plan should be realistic and match the resources and implementation capacity available."
            ),
        },
    ),
    (
        "groups",
        "LAO",
        CHAIR,
        1,
        "A Technical Group of experts from UN entities, the ICRC, the GICHD, operational partners "
        "and civil society will help draft the VCAP so that its proposals are clear, coherent "
        "and measurable. An informal working group is reviewing the CCM Sponsorship Programme, "
        "with attention to transparency and accountability while keeping participation inclusive.",
        {},
    ),
    (
        "declaration",
        "LAO",
        CHAIR,
        1,
        "Work on the Political Declaration will start once the Action Plan is better defined; the "
        "Declaration is to set out the States Parties' vision and reaffirm their commitments "
        "under the Convention. Though it was early, the Presidency invited first thoughts.",
        {},
    ),
    (
        "logistics",
        "LAO",
        CHAIR,
        1,
        "For the Third Review Conference there will be no limit on the size of delegations, at "
        "the Conference or on the field visit. Each delegation will have two seats in the front "
        "row and two in the back row of the Conference room, and further members will sit in "
        "another area of the room; more details will follow. Four formal documents had been "
        "submitted so far: they are on the ISU website and will be on the UNODA documents "
        "website before the First Preparatory Meeting.",
        {},
    ),
    (
        "closing",
        "LAO",
        CHAIR,
        1,
        "The Presidency gave the timeline ahead: the First Preparatory Meeting on 30 March 2026 at "
        "the Palais des Nations, a side event during NDM-UN29 on 22-24 April 2026, the second "
        "regional consultations on 22 and 24 June 2026 at the GICHD, and the Second Preparatory "
        "Meeting on 1 July 2026. It thanked the delegations and confirmed that it will keep "
        "consulting in the run-up to the Review Conference in Vientiane Capital.",
        {},
    ),
]


def load(tally: Tally) -> None:
    topics = {}
    for order, (slug, name, description) in enumerate(TOPICS, start=1):
        topics[slug], action = sync_record(
            Topic, lookup={"slug": slug}, values={"name": name, "description": description, "order": order}
        )
        tally.add("topics", action)

    speakers = {d.iso3: d for d in Delegation.objects.states()}
    for key, iso3, role, order, summary, positions in INTERVENTIONS:
        item = americas_agenda_item(key)
        intervention, action = sync_record(
            Intervention,
            lookup={"agenda_item": item, "delegation": speakers[iso3], "role": role, "order": order},
            values={"meeting": item.meeting, "summary": summary},
        )
        tally.add("interventions", action)
        for slug, statement in positions.items():
            _, action = sync_record(
                Position,
                lookup={"intervention": intervention, "topic": topics[slug]},
                values={"statement": statement},
            )
            tally.add("positions on topics", action)
