// The reference case as data: Rotherham's review of alternative management arrangements for
// children's services, the Cabinet and Commissioners' response, and its path through Council.
//
// Every fact of the three source documents lives here. Facts, not typography: dates are dates (the
// source's "Wednesday 9th February 2017" was a Thursday, so only the date is kept and the calendar
// gives the weekday), words broken by text extraction are rejoined ("selfimproving" is
// "self-improving"), ordinal dates in quoted text read as GOV.UK writes them ("18 October 2017"),
// and "N.F.A required" is stored as the outcome it means, no further action.

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: 'council' | 'full_council' | 'executive' | 'committee' | 'scrutiny_committee' | 'task_group' | 'external';
  parent?: string;
  description?: string;
}

export interface DemoPerson {
  key: string;
  name: string;
  honorific?: string;
  kind: 'councillor' | 'officer' | 'commissioner' | 'external';
  jobTitle?: string;
}

export interface DemoMembership {
  person: string;
  organisation: string;
  role: 'chair' | 'vice_chair' | 'member' | 'cabinet_member' | 'advisory' | 'lead_officer' | 'officer';
  portfolio?: string;
  notes?: string;
}

export interface DemoReferral {
  /** A body and its named meeting, placed on that meeting's agenda. */
  organisation?: string;
  meeting?: string;
  /** Or people outside any meeting (the Commissioners), recorded as described. */
  description?: string;
}

export interface DemoLimb {
  verb: 'noted' | 'received' | 'approved' | 'agreed' | 'recommended' | 'referred' | 'deferred';
  text: string;
  referrals?: DemoReferral[];
}

export interface DemoMinute {
  key: string;
  number: number | null;
  title: string;
  furtherTo?: string;
  body: string[];
  resolution?: {
    mover?: { name: string; person: string };
    seconder?: { name: string; person: string };
    executiveDecision?: boolean;
    limbs: DemoLimb[];
  };
}

export interface DemoDocument {
  key: string;
  title: string;
  kind: 'agenda' | 'report' | 'appendix' | 'annex' | 'minutes' | 'response' | 'other';
  review?: boolean;
  text?: string;
}

export interface DemoAgendaItem {
  key: string;
  number: string | null;
  title: string;
  description?: string;
  reportOf?: string;
  people?: { role: 'cabinet_member' | 'advisory' | 'presenter'; name: string; person?: string; note?: string }[];
  recommendations?: string[];
  documents?: DemoDocument[];
  issue?: string;
  minute?: DemoMinute;
  /** The source of a referred item: the referral that placed it here. */
  referredBy?: string[];
}

export interface DemoMeeting {
  key: string;
  organisation: string;
  date: string;
  status: 'scheduled' | 'confirmed' | 'held' | 'cancelled';
  isExecutive?: boolean;
  items: DemoAgendaItem[];
}

export interface DemoEvidence {
  kind: 'visit' | 'teleconference' | 'workshop' | 'literature' | 'witness' | 'challenge';
  mode: 'in_person' | 'remote' | 'written';
  organisation?: string;
  organisationName: string;
  date: string | null;
  subject: string;
  notes?: string;
  /** The key of the option (review.options) this visit illustrates: the authority's delivery model. */
  option?: string;
}

/** An option the review compared; the seeds give the delivery models and no judgement against the seven tests. */
export interface DemoOption {
  key: string;
  name: string;
  description?: string;
}

export interface DemoRecommendation {
  number: number;
  text: string;
  points?: string[];
  response: {
    decision: 'accepted' | 'partially_accepted' | 'accepted_in_principle' | 'not_accepted' | 'deferred';
    text: string;
    reason?: string;
    officer?: { name: string; person: string };
    actionByDate?: string;
    actionByText?: string;
    outcome?: 'no_further_action' | 'no_longer_relevant';
  };
}

export const COUNCIL_NAME = 'Rotherham Metropolitan Borough Council';

/** The demo's council as the site's header names and links it (`scrutineer serve --demo` without COUNCIL_NAME). */
export const DEMO_COUNCIL = { name: COUNCIL_NAME, url: 'https://www.rotherham.gov.uk/' } as const;

export const organisations: DemoOrganisation[] = [
  { key: 'rmbc', name: COUNCIL_NAME, kind: 'council' },
  { key: 'council', name: 'Council', kind: 'full_council', parent: 'rmbc', description: 'The full Council: all elected members of the borough.' },
  {
    key: 'cabinet',
    name: 'Cabinet and Commissioners’ Decision Making Meeting',
    kind: 'executive',
    parent: 'rmbc',
    description: 'The executive: Cabinet members taking decisions with the Commissioners appointed by the Secretary of State.',
  },
  {
    key: 'ilsc',
    name: 'Improving Lives Select Commission',
    kind: 'scrutiny_committee',
    parent: 'rmbc',
    description: 'The select commission that scrutinises services for children, young people and families.',
  },
  {
    key: 'ama-group',
    name: 'Alternative Management Arrangements Review Group',
    kind: 'task_group',
    parent: 'ilsc',
    description:
      'The cross-party task and finish group of members of the Improving Lives Select Commission that undertook the review of alternative management arrangements for children’s services.',
  },
  { key: 'dfe', name: 'Department for Education', kind: 'external' },
  { key: 'isos', name: 'Isos Partnership', kind: 'external' },
  { key: 'cib', name: 'Children’s Improvement Board', kind: 'external' },
  { key: 'richmond', name: 'London Borough of Richmond upon Thames', kind: 'external' },
  { key: 'windsor', name: 'Royal Borough of Windsor and Maidenhead', kind: 'external' },
  { key: 'slough', name: 'Slough Borough Council', kind: 'external' },
  { key: 'hampshire', name: 'Hampshire County Council', kind: 'external' },
  { key: 'kingston', name: 'London Borough of Kingston upon Thames', kind: 'external' },
  { key: 'doncaster', name: 'Doncaster Council and Doncaster Children’s Trust', kind: 'external' },
  { key: 'cornwall', name: 'Cornwall Council', kind: 'external' },
  { key: 'birmingham', name: 'Birmingham City Council', kind: 'external' },
  { key: 'leeds', name: 'Leeds City Council', kind: 'external' },
  { key: 'bromley', name: 'London Borough of Bromley', kind: 'external' },
];

export const people: DemoPerson[] = [
  { key: 'allcock', name: 'Leon Allcock', honorific: 'Councillor', kind: 'councillor' },
  { key: 'clark', name: 'Maggi Clark', honorific: 'Councillor', kind: 'councillor' },
  { key: 'cusworth', name: 'Victoria Cusworth', honorific: 'Councillor', kind: 'councillor' },
  { key: 'senior', name: 'Jayne Senior', honorific: 'Councillor', kind: 'councillor' },
  { key: 'short', name: 'Peter Short', honorific: 'Councillor', kind: 'councillor' },
  { key: 'watson', name: 'Watson', honorific: 'Councillor', kind: 'councillor' },
  { key: 'read', name: 'Read', honorific: 'Councillor', kind: 'councillor' },
  { key: 'bradwell', name: 'Bradwell', honorific: 'Commissioner', kind: 'commissioner' },
  { key: 'myers', name: 'Myers', honorific: 'Commissioner', kind: 'commissioner' },
  { key: 'newsam', name: 'Newsam', honorific: 'Commissioner', kind: 'commissioner' },
  { key: 'thomas', name: 'Ian Thomas', kind: 'officer' },
];

export const memberships: DemoMembership[] = [
  { person: 'clark', organisation: 'ama-group', role: 'chair' },
  { person: 'allcock', organisation: 'ama-group', role: 'member' },
  { person: 'cusworth', organisation: 'ama-group', role: 'member' },
  { person: 'senior', organisation: 'ama-group', role: 'member' },
  { person: 'short', organisation: 'ama-group', role: 'member' },
  { person: 'clark', organisation: 'ilsc', role: 'member' },
  { person: 'allcock', organisation: 'ilsc', role: 'member' },
  { person: 'cusworth', organisation: 'ilsc', role: 'member' },
  { person: 'senior', organisation: 'ilsc', role: 'member' },
  { person: 'short', organisation: 'ilsc', role: 'member' },
  { person: 'watson', organisation: 'cabinet', role: 'cabinet_member' },
  { person: 'bradwell', organisation: 'cabinet', role: 'advisory', notes: 'Commissioner, in an advisory role' },
  { person: 'watson', organisation: 'council', role: 'member' },
  { person: 'read', organisation: 'council', role: 'member' },
  { person: 'allcock', organisation: 'council', role: 'member' },
  { person: 'clark', organisation: 'council', role: 'member' },
  { person: 'cusworth', organisation: 'council', role: 'member' },
  { person: 'senior', organisation: 'council', role: 'member' },
  { person: 'short', organisation: 'council', role: 'member' },
  {
    person: 'thomas',
    organisation: 'cabinet',
    role: 'lead_officer',
    notes: 'Officer responsible for the response to the review of alternative management arrangements',
  },
];

export const REVIEW_TITLE = 'Alternative Management Arrangements for Children and Young People’s Services in Rotherham';
export const RESPONSE_TITLE =
  'Cabinet’s Response to Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham';
export const ISSUE_TITLE = 'Scrutiny review of Alternative Management Arrangements for Children and Young People’s Services';

export const issues = [
  {
    key: 'ama',
    title: ISSUE_TITLE,
    summary:
      'The Improving Lives Select Commission’s review of alternative management arrangements for children’s services, its report to Council and the Cabinet’s response to its recommendations.',
    history: [
      { item: 'council-2017-10-18-ama', decision: 'The review group’s final report was submitted to Council (Minute 83).' },
      {
        item: 'cabinet-2018-02-19-ama',
        decision:
          'The Cabinet’s response was approved, referred to Council and to the Improving Lives Select Commission, and submitted to the Lead Commissioner and the Commissioner responsible for Children’s Social Care (Minute 109).',
      },
      { item: 'council-2018-02-28-ama', decision: 'The response was noted and referred to the Improving Lives Select Commission on 13 March 2018.' },
      {
        item: 'ilsc-2018-03-13-ama',
        decision: 'The response came before the Improving Lives Select Commission, referred by Cabinet and Commissioners (Minute 109) and by Council.',
      },
    ],
  },
];

export const meetings: DemoMeeting[] = [
  {
    key: 'council-2017-10-18',
    organisation: 'council',
    date: '2017-10-18',
    status: 'held',
    items: [
      {
        key: 'council-2017-10-18-ama',
        number: null,
        issue: 'ama',
        title: 'Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services',
        description:
          'The final report of the Improving Lives Select Commission’s cross-party review group on alternative management arrangements for Children and Young People’s Services.',
        documents: [
          { key: 'ama-annex-2', kind: 'annex', review: true, title: 'Annex 2: terms of reference, seven tests, schedule of meetings and schedule of visits' },
        ],
        minute: {
          key: 'council-83',
          number: 83,
          title: 'Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services',
          body: ['The Improving Lives Select Commission’s review group submitted its final report to Council.'],
        },
      },
    ],
  },
  {
    key: 'cabinet-2018-02-19',
    organisation: 'cabinet',
    date: '2018-02-19',
    status: 'held',
    isExecutive: true,
    items: [
      {
        key: 'cabinet-2018-02-19-ama',
        number: null,
        issue: 'ama',
        title: 'Response to the Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham',
        reportOf: 'Strategic Director of Children and Young People’s Services',
        people: [
          { role: 'cabinet_member', name: 'Councillor Watson', person: 'watson' },
          { role: 'advisory', name: 'Bradwell', person: 'bradwell', note: 'Commissioner (in advisory role)' },
        ],
        recommendations: [
          'That Cabinet agree the response to the scrutiny review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham set out at Appendix A to this report.',
          'That the response be referred to the next meeting of the Council on 28 February 2018 and to the next meeting of the Improving Lives Select Commission on 13 March 2018.',
        ],
        documents: [{ key: 'ama-response-cabinet', kind: 'response', review: true, title: `Appendix A: ${RESPONSE_TITLE}` }],
        minute: {
          key: 'cabinet-109',
          number: 109,
          furtherTo: 'council-83',
          title: 'Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham: response',
          body: [
            'Consideration was given to the report which shared the findings and latest analysis and current thinking of the Improving Lives Select Commission’s cross-party review group on the range of Alternative Management Arrangements (AMAs) for Children’s Services. It evaluated the relative strengths and challenges of the primary options available to the Council and suggested initial recommendations for future management arrangements.',
            'Appendix A of the report submitted set out the five broad recommendations arising from the Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services together with detail in respect of whether the recommendations were agreed, not agreed or deferred and, where agreed, what action would be taken, by when and who would be responsible.',
            'The main recommendation was for Children’s Services to continue with its adoption of the Practice Partner model as this would secure the most rapid and sustainable improvements in the short term (two years) and present the lowest risk to the Improvement journey. It was agreed that this form of model had made a significant contribution to the first stage of the improvement journey, however, a self-improving culture would be required to get from Good to Outstanding.',
            'On this basis it was suggested that the response from Cabinet to the recommendations from the Improving Lives Select Commission be forwarded onto the Lead Commissioner and the Commissioner responsible for Children’s Social Care outlining the support.',
            'The Chair of the Overview and Scrutiny Management Board also wished to place on record his thanks and appreciation to the Chair and other members of the Improving Lives Select Commission for their hard work in this review.',
          ],
          resolution: {
            executiveDecision: true,
            limbs: [
              {
                verb: 'approved',
                text: 'That the Cabinet’s response to the Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham be approved.',
              },
              {
                verb: 'referred',
                text: 'That the response be referred to the next meeting of the Council on 28 February 2018 and the next meeting of the Improving Lives Select Commission on 13 March 2018.',
                referrals: [
                  { organisation: 'council', meeting: 'council-2018-02-28' },
                  { organisation: 'ilsc', meeting: 'ilsc-2018-03-13' },
                ],
              },
              {
                verb: 'referred',
                text: 'That the report of the Improving Lives Select Commission and the Cabinet response to the recommendations be submitted to the Lead Commissioner and the Commissioner responsible for Children’s Social Care.',
                referrals: [{ description: 'The Lead Commissioner and the Commissioner responsible for Children’s Social Care' }],
              },
            ],
          },
        },
      },
    ],
  },
  {
    key: 'council-2018-02-28',
    organisation: 'council',
    date: '2018-02-28',
    status: 'held',
    items: [
      {
        key: 'council-2018-02-28-ama',
        number: null,
        issue: 'ama',
        referredBy: ['cabinet-109'],
        title: 'Scrutiny Review of Alternative Management Arrangements for Children’s Services: response of the Cabinet',
        description:
          'To receive the response of the Cabinet to recommendations from the Improving Lives Select Commission’s review of Alternative Management Arrangements for Children’s Services.',
        documents: [{ key: 'ama-response-council', kind: 'response', review: true, title: `Appendix A: ${RESPONSE_TITLE}` }],
        minute: {
          key: 'council-2018-02-28-min',
          number: null,
          furtherTo: 'cabinet-109',
          title: 'Scrutiny Review of Alternative Management Arrangements for Children’s Services: response of the Cabinet',
          body: [
            'The Improving Lives Commission established a Task and Finish Group to consider the lessons learnt from other trust models and also looked objectively at other alternative management arrangements which might secure the long-term success of Rotherham’s Children and Young People’s Services. The group completed its review in the autumn of 2017 and submitted a final report to Council on 18 October 2017.',
            'Under the Overview and Scrutiny Procedure Rules, the Cabinet was required to respond to any recommendations made by Scrutiny. Cabinet considered and agreed the response enclosed at Appendix A. This report was, therefore, submitted to ensure that all Members were aware of the implementation of recommendations from the review.',
          ],
          resolution: {
            mover: { name: 'Councillor Watson', person: 'watson' },
            seconder: { name: 'Councillor Read', person: 'read' },
            limbs: [
              {
                verb: 'noted',
                text: 'That the response to the scrutiny review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham set out at Appendix A to this report be noted.',
              },
              {
                verb: 'referred',
                text: 'That the response be referred to the next meeting of the Improving Lives Select Commission on 13 March 2018.',
                referrals: [{ organisation: 'ilsc', meeting: 'ilsc-2018-03-13' }],
              },
            ],
          },
        },
      },
    ],
  },
  {
    key: 'ilsc-2018-03-13',
    organisation: 'ilsc',
    date: '2018-03-13',
    status: 'held',
    items: [
      {
        key: 'ilsc-2018-03-13-ama',
        number: null,
        issue: 'ama',
        referredBy: ['cabinet-109', 'council-2018-02-28-min'],
        title: 'Response to the Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services',
        description:
          'The Cabinet’s response to the recommendations of the Commission’s review, referred by the Cabinet and Commissioners’ Decision Making Meeting (Minute 109) and by Council on 28 February 2018.',
      },
    ],
  },
];

export const review = {
  slug: 'alternative-management-arrangements-for-childrens-services',
  title: REVIEW_TITLE,
  shortTitle: 'Alternative Management Arrangements for Children’s Services',
  organisation: 'ilsc',
  group: 'ama-group',
  issue: 'ama',
  status: 'monitoring' as const,
  summary:
    'The Improving Lives Select Commission established a Task and Finish Group to consider the lessons learnt from other trust models and also looked objectively at other alternative management arrangements which might secure the long-term success of Rotherham’s Children and Young People’s Services. The group completed its review in the autumn of 2017.',
  startedOn: '2016-11-14',
  reportDate: '2017-10-18',
  reportMeeting: 'council-2017-10-18',
  /** Received by Council on 18 October 2017 (Minute 83): the response clock runs from that day. */
  reportAgendaItem: 'council-2017-10-18-ama',
  receivedOn: '2017-10-18',
  responseMeeting: 'cabinet-2018-02-19',
  /** Agreed by Cabinet and Commissioners on 19 February 2018 (Minute 109): the clock stops then, 64 days late. */
  responseMinute: 'cabinet-109',
  responseTitle: RESPONSE_TITLE,
  terms: [
    { number: '1.1', text: 'The following terms of reference were agreed by the review group:' },
    {
      number: null,
      parent: 1,
      text: 'To identify the strengths and weaknesses of alternative management arrangements (AMA) that are currently being used by councils in delivering children’s services, highlighting in particular what has driven and sustained service improvement in different areas.',
    },
    {
      number: null,
      parent: 1,
      text: 'On the basis of this evidence, to make recommendations on the most appropriate model of governance and delivery based on Rotherham’s current and future ambitions for children’s social care services.',
    },
    {
      number: '1.2',
      text: 'The review compared and contrasted AMAs of social care and how this impacts on accountability, improvement, wider corporate working and the delivery of the authority’s statutory social care duties. In considering AMAs, specifically those outlined by Commissioner Myers, the review explored the potential impact that these could have on the achievement of outcomes for children and young people; financial sustainability; and how AMAs support innovation and transformation within Children and Young People’s Services. Also central to members’ consideration was how alternative models could support the Council’s strategic response to the seven tests for RMBC children’s social care set out to the Department for Education (detailed below).',
    },
  ],
  criteriaHeading: 'Seven tests for Children and Young People’s services (as set out by Commissioner Newsam)',
  criteria: [
    {
      number: '2.1',
      title:
        'Well-functioning corporate services which prioritises children’s social care and deliver effective financial, human resources and infrastructure support.',
      text: 'It is critical that the corporate leadership is well engaged with the issues within children’s services and provides effective support and challenge. I have outlined the risk that energy and resources will lean towards services already handed back at the expense of the prioritisation on children’s social care services but it is clear to me that improvement will not be sustainable without high quality human resources, financial, legal and infrastructure support.',
    },
    {
      number: '2.2',
      title: 'Stable and capable leadership at both a Member and officer level.',
      text: 'There are all out elections in May, and the Labour Group has indicated that if it returns to administration the cabinet will remain largely as is, allowing the continued development of the existing members. If that is not the case then there is the wider consideration of developing the necessary skills and experience of the new councillors. Cabinet meetings are now being held in public so over the next few months it will be a measure of readiness to see how well portfolio holders manage their new responsibilities. A permanent senior management team in the Council has been appointed and the Children’s Directorate now has the benefit of a permanent departmental leadership down to heads of service. By September I would expect to see much less reliance on temporary managers at that level.',
    },
    {
      number: '2.3',
      title:
        'Continued improvement in the quality and effectiveness of practice, including progress against the actions in the improvement plan and evidence that recommendations from quality assurance, audits and Ofsted improvement visits have been dealt with promptly and effective.',
      text: 'The Strategic Director has set out a vision for the delivery of outstanding child-centred services through a major transformation programme. I would expect this to be widely understood and embedded by September and progress robustly programme managed.',
    },
    {
      number: '2.4',
      title: 'Strong and supportive partnerships.',
      text: 'My progress report signals a step change in the partnership through better leadership, increased collaboration and improved working practices. Although there is much improvement, to date, partnerships have not been well supported by transparent and rigorous governance and going forward there is a need to be clear about shared priorities and how they are resourced. The new Children and Young People’s Partnership (Children’s Trust Board Arrangements) was re-launched in February 2016 with excellent representation across the system, including young people, and three task and finish groups were established to lead on: development of a Children and Young People’s Plan; Embedding Early Help and the development of a well-performing workforce across the partnership. Over the next six months, it should be delivering against this plan and harnessing resources around a shared agenda. Overall, by September, I would want the LSCB and the Strategic Partnership to be making good progress and this partnership commitment to be evidenced through improved outcomes.',
    },
    {
      number: '2.5',
      title: 'Robust financial management.',
      text: 'As I have indicated, the budget set for 2016/17 is unlikely to meet the forecast demands. The Strategic Director has led on the production of a medium term financial strategy which will both drive more cost effective practices through service transformation and deliver savings over the lifetime of the plan. To support him and his management team he will need the senior financial capacity with the right skills and experience to undertake the necessary financial modelling. While this has been agreed in principle, it will take some time before the benefits of better resource management and more effective commissioning begin to be evidenced in the bottom line.',
    },
    {
      number: '2.6',
      title:
        'A compelling strategy for the workforce which has delivered a settled structure for children’s social care, more permanent social care staff in post, nearing national averages, and a return to only using interim staff as a means of upskilling or supplementing, when necessary, the permanent staffing establishment.',
      text: 'I would expect to see in place comprehensive professional development for staff at all levels supporting effective practice and staff retention.',
    },
    {
      number: '2.7',
      title: 'Effective performance information and quality assurance which is being used to measure outcomes for children and improve practice.',
      text: 'Data has been used very effectively to monitor and drive better performance but to improve practice further there needs to be a greater emphasis on the outcomes being achieved and a clearer understanding of the quality of practice with children and young people. Performance information needs to demonstrate stable and sustained delivery of services, milestones set out in the improvement plan need to be met or on course for delivery, the budget agreed and the transformation programme for children’s social care services understood and delivering.',
    },
  ],
  schedule: [
    {
      startsOn: '2016-11-14',
      endsOn: null,
      business: [
        'To discuss scope of the review',
        'Outline of policy context: “Putting Children First”',
        'Recap on previous visits/telephone conversations undertaken by CX/DCS',
      ],
    },
    { startsOn: '2016-11-18', endsOn: null, business: ['Agree terms of reference', 'Consider available literature'] },
    { startsOn: '2016-11-30', endsOn: null, business: ['Isos Workshop (1): to consider key enablers and timescales for improvement from LGA action research'] },
    { startsOn: '2016-12-13', endsOn: null, business: ['To agree lines of enquiry (in light of Isos workshop)', 'Agree visits'] },
    { startsOn: '2017-01-23', endsOn: '2017-02-28', business: ['Visits/telephone conversations with Local Authorities (see the schedule of visits)'] },
    {
      startsOn: '2017-02-17',
      endsOn: null,
      business: ['Isos Workshop (2): where is Rotherham on its improvement journey and what are the priorities for the next stage?'],
    },
    { startsOn: '2017-03-13', endsOn: null, business: ['Review of evidence to date', 'Consideration of improvement evidence (CYPS)'] },
    {
      startsOn: '2017-03-15',
      endsOn: null,
      business: ['Children’s Improvement Board: high level sector led challenge of approach adopted and initial findings'],
    },
    { startsOn: '2017-04-10', endsOn: null, business: ['Agree final report', 'Agree recommendations'] },
  ],
  // The options the review compared: Rotherham's Practice Partner model (the one it recommended)
  // and the delivery models of the authorities it visited (Annex 2, section 4), grouped as the
  // response names them ("a Trust/CIC"). The seeds record no judgement per test and option.
  options: [
    {
      key: 'practice_partner',
      name: 'Practice Partner model',
      description: 'Children’s Services continue with their adoption of the Practice Partner model: the option the review recommended.',
    },
    { key: 'cic', name: 'Community Interest Company', description: 'With a neighbouring authority, or transferring to one with neighbouring authorities.' },
    { key: 'trust', name: 'DfE Trust', description: 'Including a neighbouring authority’s DfE trust.' },
    { key: 'agency', name: 'Agency Arrangement' },
    { key: 'company', name: 'Wholly owned company', description: 'Seen in shadow arrangements.' },
    { key: 'sli', name: 'Sector Led Improvement' },
    { key: 'intervention', name: 'Intervention (Commissioner)' },
  ] satisfies DemoOption[],
  evidence: [
    {
      kind: 'visit',
      mode: 'in_person',
      organisation: 'richmond',
      organisationName: 'London Borough of Richmond upon Thames',
      date: '2016-04-19',
      subject: 'Community Interest Company with neighbouring authority',
      option: 'cic',
    },
    {
      kind: 'visit',
      mode: 'in_person',
      organisation: 'windsor',
      organisationName: 'Royal Borough of Windsor and Maidenhead',
      date: '2016-05-03',
      subject: 'Transferring to Community Interest Company with neighbouring authorities',
      option: 'cic',
    },
    {
      kind: 'visit',
      mode: 'in_person',
      organisation: 'slough',
      organisationName: 'Slough Borough Council',
      date: '2016-05-03',
      subject: 'DfE Trust',
      option: 'trust',
    },
    {
      kind: 'teleconference',
      mode: 'remote',
      organisation: 'hampshire',
      organisationName: 'Hampshire County Council',
      date: '2016-06-01',
      subject: 'Agency Arrangement',
      option: 'agency',
    },
    {
      kind: 'teleconference',
      mode: 'remote',
      organisation: 'kingston',
      organisationName: 'London Borough of Kingston upon Thames',
      date: '2016-06-15',
      subject: 'Community Interest Company with neighbouring authority',
      option: 'cic',
    },
    {
      kind: 'visit',
      mode: 'in_person',
      organisation: 'doncaster',
      organisationName: 'Doncaster Council and Doncaster Children’s Trust',
      date: '2017-01-23',
      subject: 'Neighbouring Authority – DfE trust',
      option: 'trust',
    },
    {
      kind: 'teleconference',
      mode: 'remote',
      organisation: 'cornwall',
      organisationName: 'Cornwall Council',
      date: '2017-02-06',
      subject: 'Sector Led Improvement',
      option: 'sli',
    },
    {
      kind: 'visit',
      mode: 'in_person',
      organisation: 'birmingham',
      organisationName: 'Birmingham City Council',
      date: '2017-02-09',
      subject: 'Wholly owned company (shadow arrangements)',
      option: 'company',
    },
    {
      kind: 'visit',
      mode: 'in_person',
      organisation: 'leeds',
      organisationName: 'Leeds City Council',
      date: '2017-02-23',
      subject: 'Sector Led Improvement',
      option: 'sli',
    },
    {
      kind: 'teleconference',
      mode: 'remote',
      organisation: 'bromley',
      organisationName: 'London Borough of Bromley',
      date: '2017-03-07',
      subject: 'Intervention (Commissioner)',
      option: 'intervention',
    },
    {
      kind: 'literature',
      mode: 'written',
      organisationName: 'Available literature',
      date: '2016-11-18',
      subject: 'Available literature on alternative management arrangements',
    },
    {
      kind: 'workshop',
      mode: 'in_person',
      organisation: 'isos',
      organisationName: 'Isos Partnership',
      date: '2016-11-30',
      subject: 'Key enablers and timescales for improvement from LGA action research',
    },
    {
      kind: 'workshop',
      mode: 'in_person',
      organisation: 'isos',
      organisationName: 'Isos Partnership',
      date: '2017-02-17',
      subject: 'Where is Rotherham on its improvement journey and what are the priorities for the next stage?',
    },
    {
      kind: 'challenge',
      mode: 'in_person',
      organisation: 'cib',
      organisationName: 'Children’s Improvement Board',
      date: '2017-03-15',
      subject: 'High level sector led challenge of approach adopted and initial findings',
    },
  ] satisfies DemoEvidence[],
  recommendations: [
    {
      number: 1,
      text: 'A Practice Partner model would secure the most rapid and sustainable improvements in the short term (two years) and present the lowest risk to the Improvement journey.',
      response: {
        decision: 'accepted',
        text: 'We agree that a PiP model has made a significant contribution to the first stage of the improvement journey, however a self-improving culture will be required to get from Good to Outstanding.',
        officer: { name: 'Ian Thomas', person: 'thomas' },
      },
    },
    {
      number: 2,
      text: 'The Practice Partner model will:',
      points: [
        'Establish the right balance of political ownership, oversight and accountability for CYPS at the same time as rigorous external challenge;',
        'Enable the good progress being made on the Improvement programme to continue at an accelerated pace with minimal disruption to partners, wider council priorities or management focus; and',
        'Avoid high transition and operating costs associated with each of the AMAs.',
      ],
      response: {
        decision: 'accepted',
        text: 'We agree for the first stage of the improvement journey from Inadequate to Good.',
        outcome: 'no_further_action',
      },
    },
    {
      number: 3,
      text: 'The Council will continue to work effectively with our Peer Practice Partner, and once assessed as “Requiring Improvement”, we would want to continue with Lincolnshire as a partner in practice given their knowledge and understanding of Rotherham.',
      response: {
        decision: 'not_accepted',
        text: 'No longer relevant given the recent ‘Good’ rating achieved, however the Council will continue to participate in the Regional Review model.',
        reason: 'No longer relevant given the recent ‘Good’ rating achieved.',
        officer: { name: 'Ian Thomas', person: 'thomas' },
        actionByText: 'Annual Participation',
        outcome: 'no_longer_relevant',
      },
    },
    {
      number: 4,
      text: 'Once there is consistent front line practice, the Council will actively consider other options to work with others knowing that integration, collaboration or further commissioning will be underpinned by strong and robust operational activity and management oversight.',
      response: {
        decision: 'accepted',
        text: 'The Department has achieved a Good rating however improvement is a continuous process and the Council will commit to participate in the development of other service models that will enhance Social Worker practice and outcomes.',
        officer: { name: 'Ian Thomas', person: 'thomas' },
      },
    },
    {
      number: 5,
      text: 'Whilst continuing with the Practice Partner is the preferred option based on the information, evidence and research available today, this is not a closed decision. The Council remains open to other Alternative Management Arrangements such as establishing a Trust/CIC, including the potential to integrate with another Children’s Trust who is rated as “Good”, if there is evidence in the future that this would secure more rapid and sustainable improvement.',
      response: {
        decision: 'accepted',
        text: 'The Department has achieved a Good rating and is committed to participating in the Regional Peer Review Process to support continuous Improvement.',
        officer: { name: 'Ian Thomas', person: 'thomas' },
      },
    },
  ] satisfies DemoRecommendation[],
};
